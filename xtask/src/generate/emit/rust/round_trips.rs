//! `tests/generated/<vendor>_round_trips.rs`: one test per model, decoding the model's JSON
//! sample ([`samples`](super::samples)) and encoding it back unchanged.

use std::collections::BTreeSet;

use quote::quote;

use super::samples::Samples;
use super::tokens::ident;
use crate::generate::emit::print;
use crate::generate::ir::VendorIr;
use crate::generate::ir::model::Model;
use crate::generate::lower::naming;

/// The file's text: for every model, a test that decodes its sample and encodes it back
/// unchanged.
pub fn file(ir: &VendorIr) -> anyhow::Result<String> {
    let models: Vec<&Model> = ir
        .files
        .iter()
        .flat_map(|file| &file.models)
        .chain(ir.classes.iter().flat_map(|class| &class.models))
        .collect();
    let samples = Samples::new(models.iter().copied());
    let krate = ident(&ir.crate_name.replace('-', "_"));
    let mut used_names = BTreeSet::new();
    let mut tests = Vec::new();
    for model in &models {
        let json = serde_json::to_string(&samples.model(&model.name))?;
        let literal: proc_macro2::TokenStream =
            format!("r##\"{json}\"##").parse().map_err(|error| anyhow::anyhow!("sample of {}: {error}", model.name))?;
        let mut test_name = naming::bare(&naming::member_name(&model.name)).to_owned();
        while !used_names.insert(test_name.clone()) {
            test_name.push('_');
        }
        let test_name = ident(&test_name);
        let model_name = ident(&model.name);
        tests.push(quote! {
            #[test]
            fn #test_name() {
                assert_round_trip::<#model_name>(#literal);
            }
        });
    }
    let doc = format!(
        " Every `{}` model decodes an example built from its schema and encodes it back unchanged.",
        ir.crate_name
    );
    let tokens = quote! {
        #![doc = #doc]

        use #krate::models::*;
        use payintent_tests::assert_round_trip;

        #(#tests)*
    };
    let text = print::unparse(tokens, "round-trip tests")?;
    Ok(format!("{}\n{text}", print::header(&format!("openapi/{}", ir.vendor))))
}
