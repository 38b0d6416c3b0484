//! The `synoptic` command line.

fn main() {
    println!("synoptic");
}
