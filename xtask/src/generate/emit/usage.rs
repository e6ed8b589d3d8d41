//! An operation's usage snippet: build a client, make the call, look at the result. Rust, shown
//! in the method's rustdoc (compiled there as a doctest) and on the operation's page, so both
//! emitters print the one snippet written here.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::print;
use crate::generate::ir::VendorIr;
use crate::generate::ir::model::{Model, ModelKind, Presence, Ty};
use crate::generate::ir::operation::{ApiClass, OperationIr};
use crate::generate::lower::naming::bare;

/// Writes the usage snippets of one vendor's operations.
pub struct Usage<'a> {
    ir: &'a VendorIr,
    models: BTreeMap<&'a str, &'a Model>,
}

impl<'a> Usage<'a> {
    /// The snippets of `ir`'s operations.
    pub fn new(ir: &'a VendorIr) -> Self {
        Self { ir, models: ir.models_by_name() }
    }

    /// The snippet of `operation`, a method of `class`.
    pub fn snippet(&self, class: &ApiClass, operation: &OperationIr) -> String {
        let mut out = String::new();
        let krate = self.ir.crate_name.as_str();
        let mut models = BTreeSet::new();
        let mut body = String::new();
        body.push_str("    let client = Client::builder()\n");
        if self.ir.servers.is_empty() {
            body.push_str("        .base_url(\"https://api.example.com\")\n");
        }
        if let Some(scheme) = operation
            .security
            .first()
            .and_then(|alternative| alternative.first())
            .and_then(|name| self.ir.schemes.iter().find(|scheme| &scheme.name == name))
        {
            let variable = format!("{}_{}", krate.to_uppercase(), scheme.setter.to_uppercase());
            let _ = writeln!(body, "        .{}(std::env::var(\"{variable}\").unwrap_or_default())", scheme.setter);
        }
        body.push_str("        .build()?;\n");
        let mut args = Vec::new();
        for param in &operation.path_params {
            args.push(literal(&param.ty, &param.name, &self.models, &mut models, 0));
        }
        for param in operation.query_params.iter().filter(|param| param.exploded) {
            let value = literal(&param.ty, &param.name, &self.models, &mut models, 0);
            args.push(if param.required { format!("&{value}") } else { "None".to_owned() });
        }
        for param in operation.query_params.iter().filter(|param| param.required && !param.exploded) {
            args.push(literal(&param.ty, &param.name, &self.models, &mut models, 0));
        }
        if operation.optional_query_args {
            let optional = operation.query_params.iter().filter(|param| !param.required && !param.exploded);
            args.extend(optional.map(|_| "None".to_owned()));
        }
        let mut uses = vec!["Client".to_owned()];
        if let Some(name) = &operation.params_struct {
            let _ = writeln!(body, "    let params = {name}::new();");
            args.push("&params".into());
            uses.push(format!("apis::{name}"));
        }
        if let Some(request) = &operation.body {
            let value = literal(&request.ty, &request.rust, &self.models, &mut models, 0);
            let _ = writeln!(body, "    let {} = {value};", request.rust);
            args.push(if request.required { format!("&{}", request.rust) } else { format!("Some(&{})", request.rust) });
        }
        let _ = writeln!(
            body,
            "    let response = client.{}().{}({}).await?;",
            bare(&class.accessor),
            bare(&operation.method_name),
            args.join(", ")
        );
        body.push_str("    println!(\"{response:?}\");\n    Ok(())\n}\n");
        let _ = writeln!(out, "use {krate}::Client;");
        if !models.is_empty() {
            let _ = writeln!(out, "use {krate}::models::{{{}}};", models.into_iter().collect::<Vec<_>>().join(", "));
        }
        for path in &uses[1..] {
            let _ = writeln!(out, "use {krate}::{path};");
        }
        let _ = writeln!(out, "\nasync fn example() -> Result<(), {krate}::Error> {{");
        out.push_str(&body);
        // Printed like the generated files: the example is valid Rust syntax and reads like them.
        match syn::parse_file(&out) {
            Ok(file) => print::print(file),
            Err(_) => out,
        }
    }
}

/// A Rust expression of type `ty`, for examples; the models it names are added to `used`.
fn literal(ty: &Ty, name: &str, models: &BTreeMap<&str, &Model>, used: &mut BTreeSet<String>, depth: usize) -> String {
    match ty {
        Ty::String => format!("{:?}", bare(name)),
        Ty::Bool => "true".into(),
        Ty::I32 | Ty::I64 => "1".into(),
        Ty::F64 => "1.0".into(),
        Ty::Json => "serde_json::Value::Null".into(),
        Ty::JsonObject => "serde_json::Map::new()".into(),
        Ty::Vec(inner) | Ty::Map(inner) => {
            let mut names = Vec::new();
            inner.named(&mut names);
            used.extend(names);
            match ty {
                Ty::Vec(_) => format!("Vec::<{}>::new()", inner.display()),
                _ => format!("std::collections::BTreeMap::<String, {}>::new()", inner.display()),
            }
        }
        Ty::Boxed(inner) => format!("Box::new({})", literal(inner, name, models, used, depth)),
        Ty::Named(model_name) => {
            let Some(model) = models.get(model_name.as_str()).filter(|_| depth < 8) else {
                return "Default::default()".into();
            };
            if !matches!(model.kind, ModelKind::Alias(_)) {
                used.insert(model.name.clone());
            }
            match &model.kind {
                ModelKind::Struct(fields) => {
                    let args: Vec<String> = fields
                        .iter()
                        .filter(|field| field.presence == Presence::Required && !field.constant && !field.extra)
                        .map(|field| literal(&field.ty, &field.rust, models, used, depth + 1))
                        .collect();
                    format!("{}::new({})", model.name, args.join(", "))
                }
                ModelKind::Enum { values, .. } => match values.first() {
                    Some(value) => format!("{}::{}", model.name, value.variant),
                    None => format!("\"value\".parse::<{}>().unwrap_or_else(|never| match never {{}})", model.name),
                },
                ModelKind::ExternallyTagged(variants)
                | ModelKind::Tagged { variants, .. }
                | ModelKind::Untagged(variants) => match variants.first() {
                    Some(variant) => match &variant.payload {
                        Some(payload) => {
                            let value = literal(payload, &variant.wire, models, used, depth + 1);
                            let value = if variant.nullable { format!("Some({value})") } else { value };
                            format!("{}::{}({value})", model.name, variant.name)
                        }
                        None => format!("{}::{}", model.name, variant.name),
                    },
                    None => "Default::default()".into(),
                },
                ModelKind::Alias(target) => literal(target, name, models, used, depth + 1),
            }
        }
    }
}
