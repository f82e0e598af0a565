//! The badge as a picture: layout (name largest, wrap and shrink, never
//! overflowing), fonts, the site logo, and drawing for the raster printer
//! and the kiosk's on-screen preview.
//!
//! Everything starts from `domain::BadgeContent` through [`BadgeText`], so
//! native printing, raster printing and the preview carry the same words.

pub mod fonts;
pub mod label;
pub mod layout;
pub mod logo;
pub mod render;
pub mod text;
pub mod wrap;

pub use label::{label_ink, label_layout, label_preview_png, LabelArea};
pub use layout::{BadgeError, BadgeLayout, Block, Paper, Part};
pub use logo::Logo;
pub use render::{draw_blocks, preview_png, render_preview};
pub use text::{BadgeText, Role};
