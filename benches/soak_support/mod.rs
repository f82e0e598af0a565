pub mod memory;
pub mod roles;
pub mod visitor;
