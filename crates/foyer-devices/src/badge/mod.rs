//! The badge as a picture: layout (name largest, wrap and shrink, never
//! overflowing), fonts and shaping (any script a system font covers), the
//! site logo, and drawing for the raster printer and the kiosk's preview.
//!
//! Everything starts from `domain::BadgeContent` through [`BadgeText`], so
//! native printing, raster printing and the preview carry the same words.

pub mod coverage;
pub mod face;
pub mod fields;
pub mod fonts;
pub mod label;
pub mod landscape;
pub mod layout;
pub mod logo;
pub mod planes;
pub mod render;
pub mod shape;
pub mod style;
pub mod system_fonts;
pub mod text;
pub mod wrap;

pub use coverage::missing_glyphs;
pub use label::{label_ink, label_layout, label_planes, label_preview_png, label_view, LabelArea};
pub use layout::{BadgeError, BadgeLayout, Block, Paper, Part};
pub use logo::Logo;
pub use planes::Planes;
pub use render::{draw_blocks, preview_png, render_preview};
pub use style::{LabelStyle, Orientation};
pub use system_fonts::preload_system_fonts;
pub use text::{BadgeText, Role};
