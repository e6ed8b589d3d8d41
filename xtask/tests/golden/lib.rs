//! The generator's golden outputs, compiled. Every `<case>/` folder beside this file is a crate
//! of this package (see `Cargo.toml`); this library holds nothing of its own.
