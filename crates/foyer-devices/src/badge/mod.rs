//! The badge as a picture: layout (name largest, wrap and shrink, never
//! overflowing), fonts, the site logo, and drawing for the raster printer
//! and the kiosk's on-screen preview.
//!
//! Everything starts from `domain::BadgeContent` through [`BadgeText`], so
//! native printing, raster printing and the preview carry the same words.

pub mod fields;
pub mod fonts;
pub mod label;
pub mod landscape;
pub mod layout;
pub mod logo;
pub mod planes;
pub mod render;
pub mod style;
pub mod text;
pub mod wrap;

pub use label::{label_ink, label_layout, label_planes, label_preview_png, label_view, LabelArea};
pub use layout::{BadgeError, BadgeLayout, Block, Paper, Part};
pub use logo::Logo;
pub use planes::Planes;
pub use render::{draw_blocks, preview_png, render_preview};
pub use style::{LabelStyle, Orientation};
pub use text::{BadgeText, Role};
