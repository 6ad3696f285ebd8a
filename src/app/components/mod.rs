//! One Yew function component per file.

pub mod controls;
pub mod header;
pub mod playground;
pub mod visualization;
