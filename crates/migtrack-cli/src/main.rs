//! The `migtrack` binary: a thin layer over the library crates.

fn main() {}
