//! Badge layout rendered to an image (preview and raster printing). (Being written for issue 3.)
