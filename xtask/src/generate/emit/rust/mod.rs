//! IR → Rust. Each emitter builds a file's tokens with `quote!`, recording the `use` lines it
//! needs ([`Imports`], [`tokens`]); [`files`] prints them ([`print`](mod@print), prettyplease alone)
//! under the generated-file header.

pub mod apis;
pub mod client;
pub mod decode;
pub mod encode;
pub mod models;
pub mod modules;
pub mod round_trips;
pub mod samples;
pub mod tokens;

use std::path::PathBuf;

use proc_macro2::TokenStream;

use self::models::ModelContext;
use self::tokens::Imports;
use super::print;
use super::usage::Usage;
use crate::generate::ir::VendorIr;
use crate::generate::lower::naming;

/// The Rust sources of one vendor, header included, relative to the crate's `src/generated/`.
pub fn files(ir: &VendorIr) -> anyhow::Result<Vec<(PathBuf, String)>> {
    let header = print::header(&format!("openapi/{}", ir.vendor));
    let kinds = decode::wire_kinds(ir);
    let context =
        ModelContext { error_model: ir.error_model.as_ref(), models_path: "super", kinds: &kinds, xml: ir.xml };
    let api_context = ModelContext { error_model: None, models_path: "crate::models", kinds: &kinds, xml: ir.xml };
    let mut out = Vec::new();
    let mut render = |path: PathBuf, tokens: TokenStream, imports: Imports| -> anyhow::Result<()> {
        let mut body = imports.tokens();
        body.extend(tokens);
        let text = print::unparse(body, &path.display().to_string())?;
        out.push((path, format!("{header}\n{text}")));
        Ok(())
    };
    for file in &ir.files {
        let mut imports = Imports::default();
        let tokens = models::models(&file.models, &context, &mut imports);
        let stem = naming::file_stem(&naming::type_name(&file.schema));
        render(PathBuf::from("models").join(format!("{stem}.rs")), tokens, imports)?;
    }
    render(PathBuf::from("models/mod.rs"), modules::models_mod(&ir.files), Imports::default())?;
    let usage = Usage::new(ir);
    for class in &ir.classes {
        let mut imports = Imports::default();
        let tokens = apis::api_file(ir, class, &usage, &api_context, &mut imports);
        render(PathBuf::from("apis").join(format!("{}.rs", naming::file_stem(&class.name))), tokens, imports)?;
    }
    render(PathBuf::from("apis/mod.rs"), modules::apis_mod(&ir.classes), Imports::default())?;
    let mut imports = Imports::default();
    let tokens = client::client_file(ir, &mut imports);
    render(PathBuf::from("client.rs"), tokens, imports)?;
    render(PathBuf::from("mod.rs"), modules::generated_mod(ir), Imports::default())?;
    Ok(out)
}
