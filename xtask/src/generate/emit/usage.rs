//! An operation's usage snippet: build a client, make the call, look at the result. Rust, shown
//! in the method's rustdoc (compiled there as a doctest) and on the operation's page, so both
//! emitters print the one snippet written here.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::print;
use crate::generate::ir::VendorIr;
use crate::generate::ir::model::{Init, Model, ModelKind, Ty};
use crate::generate::ir::operation::{ApiClass, ArgRole, OperationIr, Passed};
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
        let mut uses = vec!["Client".to_owned()];
        for arg in &operation.signature.args {
            let mut literal = |ty: &Ty, name: &str| literal(ty, name, &self.models, &mut models, 0);
            let value = match &arg.role {
                ArgRole::ParamsStruct => {
                    let name = arg.ty.display();
                    let _ = writeln!(body, "    let {} = {name}::new();", arg.name);
                    uses.push(format!("apis::{name}"));
                    format!("&{}", arg.name)
                }
                ArgRole::Body => {
                    let value = literal(&arg.ty, &arg.name);
                    let _ = writeln!(body, "    let {} = {value};", arg.name);
                    if arg.optional { format!("Some(&{})", arg.name) } else { format!("&{}", arg.name) }
                }
                // Left out: the server's default applies.
                _ if arg.optional => "None".to_owned(),
                ArgRole::QueryObject => format!("&{}", literal(&arg.ty, &arg.name)),
                ArgRole::PathParam { wire } | ArgRole::QueryParam { wire } | ArgRole::QueryList { wire } => {
                    let value = literal(&arg.ty, wire);
                    match arg.passed {
                        Passed::Str | Passed::Value => value,
                        Passed::Ref => format!("&{value}"),
                        // A string literal is a `&str`; the list holds `String`s.
                        Passed::Slice if arg.ty == Ty::String => format!("&[{value}.to_owned()]"),
                        Passed::Slice => format!("&[{value}]"),
                    }
                }
            };
            args.push(value);
        }
        // A write that takes a key shows it: the key is what makes retrying it safe.
        let key = match operation.signature.keyed {
            true => {
                let step = bare(&operation.method_name).split('_').next().unwrap_or("write");
                format!(".idempotency_key(\"order-1042-{step}\")")
            }
            false => String::new(),
        };
        let _ = writeln!(
            body,
            "    let response = client.{}().{}({}){key}.await?;",
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
                        .filter(|field| field.init == Init::Argument)
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
                            let value =
                                literal(payload, variant.wire.as_deref().unwrap_or_default(), models, used, depth + 1);
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
