//! Compiles the Slint UI (ui/*.slint) when there is one.

fn main() {
    println!("cargo:rerun-if-changed=ui");
}
