//! IR → text: Rust ([`rust`]) and markdown ([`markdown`]). The two emitters only print what the
//! model says and never import each other; what both print lives beside them: the Rust printer
//! ([`print`](mod@print)) and each operation's usage snippet ([`usage`]).

pub mod markdown;
pub mod print;
pub mod rust;
pub mod usage;
