//! Reading a server's Rust types with `syn`: the crates are walked from `src/lib.rs` through their
//! `mod` declarations, items a disabled `cfg` removes are dropped (the server builds one API
//! version from `cfg`-gated copies of many types), and each struct, enum and type alias becomes
//! a [`Definition`] whose members carry what their serde attributes mean on the wire.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::Context;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Fields, GenericArgument, Item, Meta, PathArguments, Token, Type};

use super::wire::{
    Definition, Definitions, Foreign, Location, Member, Payload, Read, Shape, Tagging, Variant, WireTy, Written,
};

/// Which crates to read and which cargo features the server is built with.
#[derive(Debug, Clone)]
pub struct Build<'a> {
    /// Crate folders relative to the source root (`crates/api_models`).
    pub crates: &'a [String],
    /// Enabled features (`v1`, `payouts`, …); every other feature is off.
    pub features: &'a BTreeSet<String>,
}

/// Reads every definition of `build.crates` under `root`.
pub fn read(root: &Path, build: &Build) -> anyhow::Result<Definitions> {
    let mut files = Vec::new();
    for krate in build.crates {
        let dir = root.join(krate);
        let name = dir.file_name().and_then(|name| name.to_str()).context("crate folder name")?.to_owned();
        let lib = dir.join("src/lib.rs");
        walk(root, &lib, &dir.join("src"), &name, build.features, &mut files)
            .with_context(|| format!("reading {}", lib.display()))?;
    }
    let hand_written = hand_written_serde(&files);
    let index = Index::new(&files, build.features);
    let mut definitions = Definitions::default();
    for file in &files {
        for (module, item) in file.items(build.features) {
            let alias_of = match item {
                Item::Type(item) => Some(ident_text(&item.ident)),
                _ => None,
            };
            let context = Reader { file, module: &module, index: &index, features: build.features, alias_of };
            let definition = match item {
                Item::Struct(item) => context.structure(item, &hand_written),
                Item::Enum(item) => context.enumeration(item, &hand_written),
                Item::Type(item) => Some(context.alias(item)),
                _ => None,
            };
            if let Some(definition) = definition {
                definitions.by_key.insert(definition.key(), definition);
            }
        }
    }
    Ok(definitions)
}

/// One source file: its path (relative to the source root), module, imports and items.
struct SourceFile {
    relative: String,
    module: String,
    /// Its top-level `use` items.
    uses: Uses,
    syntax: syn::File,
}

/// What `use` items bring into scope.
#[derive(Debug, Default)]
struct Uses {
    /// `use a::b::C;` → `C` → `[a, b, C]`; `use a::B as C;` → `C` → `[a, B]`.
    named: BTreeMap<String, Vec<String>>,
    /// `use a::b::*;` → `[a, b]`.
    globs: Vec<Vec<String>>,
}

impl Uses {
    fn add(&mut self, tree: &syn::UseTree) {
        for (name, path) in use_entries(tree) {
            match name {
                Some(name) => {
                    self.named.insert(name, path);
                }
                None => self.globs.push(path),
            }
        }
    }
}

impl SourceFile {
    /// The file's enabled items with their module (inline `mod` blocks included).
    fn items<'f>(&'f self, features: &BTreeSet<String>) -> Vec<(String, &'f Item)> {
        let mut out = Vec::new();
        collect_items(&self.syntax.items, &self.module, features, &mut out);
        out
    }
}

fn collect_items<'f>(items: &'f [Item], module: &str, features: &BTreeSet<String>, out: &mut Vec<(String, &'f Item)>) {
    for item in items {
        if !enabled(item_attrs(item), features) {
            continue;
        }
        if let Item::Mod(inner) = item
            && let Some((_, content)) = &inner.content
        {
            collect_items(content, &format!("{module}::{}", ident_text(&inner.ident)), features, out);
        } else {
            out.push((module.to_owned(), item));
        }
    }
}

fn item_attrs(item: &Item) -> &[Attribute] {
    match item {
        Item::Struct(item) => &item.attrs,
        Item::Enum(item) => &item.attrs,
        Item::Type(item) => &item.attrs,
        Item::Mod(item) => &item.attrs,
        Item::Use(item) => &item.attrs,
        Item::Impl(item) => &item.attrs,
        _ => &[],
    }
}

/// Parses `path` as module `module` and follows its enabled `mod` declarations; `children` is
/// the folder its child modules live in.
fn walk(
    root: &Path,
    path: &Path,
    children: &Path,
    module: &str,
    features: &BTreeSet<String>,
    out: &mut Vec<SourceFile>,
) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let syntax = syn::parse_file(&text).with_context(|| format!("parsing {}", path.display()))?;
    let mut declared = Vec::new();
    declared_modules(&syntax.items, children, module, features, &mut declared);
    let mut uses = Uses::default();
    for item in &syntax.items {
        if let Item::Use(item) = item
            && enabled(&item.attrs, features)
        {
            uses.add(&item.tree);
        }
    }
    let relative = path.strip_prefix(root).unwrap_or(path).to_string_lossy().into_owned();
    out.push(SourceFile { relative, module: module.to_owned(), uses, syntax });
    for (file, child_dir, child_module) in declared {
        walk(root, &file, &child_dir, &child_module, features, out)?;
    }
    Ok(())
}

/// The files of `mod name;` declarations (inline modules are walked with their file).
fn declared_modules(
    items: &[Item],
    dir: &Path,
    module: &str,
    features: &BTreeSet<String>,
    out: &mut Vec<(PathBuf, PathBuf, String)>,
) {
    for item in items {
        let Item::Mod(declaration) = item else { continue };
        if !enabled(&declaration.attrs, features) {
            continue;
        }
        let name = ident_text(&declaration.ident);
        let child_module = format!("{module}::{name}");
        if let Some((_, content)) = &declaration.content {
            declared_modules(content, &dir.join(&name), &child_module, features, out);
            continue;
        }
        let explicit = declaration.attrs.iter().find_map(|attr| match &attr.meta {
            Meta::NameValue(value) if value.path.is_ident("path") => string_literal(&value.value),
            _ => None,
        });
        let (file, child_dir) = match explicit {
            Some(relative) => {
                let file = dir.join(relative);
                let child_dir = file.with_extension("");
                (file, child_dir)
            }
            None if dir.join(format!("{name}.rs")).is_file() => (dir.join(format!("{name}.rs")), dir.join(&name)),
            None => (dir.join(&name).join("mod.rs"), dir.join(&name)),
        };
        if file.is_file() {
            out.push((file, child_dir, child_module));
        }
    }
}

/// What a `use` tree brings in: each name with the path it stands for (`use a::b::C;` →
/// `C` → `[a, b, C]`, `use a::B as C;` → `C` → `[a, B]`), and each glob's module (`None`).
fn use_entries(tree: &syn::UseTree) -> Vec<(Option<String>, Vec<String>)> {
    fn walk(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<(Option<String>, Vec<String>)>) {
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(ident_text(&path.ident));
                walk(&path.tree, prefix, out);
                prefix.pop();
            }
            syn::UseTree::Name(name) => {
                let ident = ident_text(&name.ident);
                if ident == "self" {
                    if let Some(last) = prefix.last() {
                        out.push((Some(last.clone()), prefix.clone()));
                    }
                } else {
                    let mut path = prefix.clone();
                    path.push(ident.clone());
                    out.push((Some(ident), path));
                }
            }
            syn::UseTree::Rename(rename) => {
                let mut path = prefix.clone();
                let ident = ident_text(&rename.ident);
                if ident != "self" {
                    path.push(ident);
                }
                out.push((Some(ident_text(&rename.rename)), path));
            }
            syn::UseTree::Group(group) => group.items.iter().for_each(|tree| walk(tree, prefix, out)),
            syn::UseTree::Glob(_) => out.push((None, prefix.clone())),
        }
    }
    let mut out = Vec::new();
    walk(tree, &mut Vec::new(), &mut out);
    out
}

/// Types whose serde impls are written by hand: `impl Serialize for X` / `impl Deserialize for X`.
fn hand_written_serde(files: &[SourceFile]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for file in files {
        let mut stack: Vec<&Item> = file.syntax.items.iter().collect();
        while let Some(item) = stack.pop() {
            match item {
                Item::Mod(module) => stack.extend(module.content.iter().flat_map(|(_, items)| items)),
                Item::Impl(implementation) => {
                    let Some((trait_path, _)) = &implementation.trait_ else { continue };
                    let is_serde = trait_path
                        .segments
                        .last()
                        .is_some_and(|segment| segment.ident == "Serialize" || segment.ident == "Deserialize");
                    if let (true, Type::Path(self_ty)) = (is_serde, &*implementation.self_ty)
                        && let Some(segment) = self_ty.path.segments.last()
                    {
                        out.insert(ident_text(&segment.ident));
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Where each type name is defined, and what each module re-exports.
struct Index {
    /// Ident → the modules defining it.
    defined: BTreeMap<String, Vec<String>>,
    /// Every module path of the crates read.
    modules: BTreeSet<String>,
    /// Module → what its `pub use` items re-export.
    reexports: BTreeMap<String, Uses>,
}

impl Index {
    fn new(files: &[SourceFile], features: &BTreeSet<String>) -> Self {
        let mut index = Index { defined: BTreeMap::new(), modules: BTreeSet::new(), reexports: BTreeMap::new() };
        for file in files {
            index.modules.insert(file.module.clone());
            for (module, item) in file.items(features) {
                index.modules.insert(module.clone());
                let ident = match item {
                    Item::Struct(item) => &item.ident,
                    Item::Enum(item) => &item.ident,
                    Item::Type(item) => &item.ident,
                    Item::Use(item) if !matches!(item.vis, syn::Visibility::Inherited) => {
                        index.reexports.entry(module.clone()).or_default().add(&item.tree);
                        continue;
                    }
                    _ => continue,
                };
                let entry = index.defined.entry(ident_text(ident)).or_default();
                if !entry.contains(&module) {
                    entry.push(module);
                }
            }
        }
        index
    }

    /// The module a path of modules names from `current`: `crate::`, `self::`, `super::`, a crate
    /// read, a child of `current` or of its crate root; `None` for another crate's path.
    fn module_of(&self, current: &str, path: &[String]) -> Option<String> {
        let root = current.split("::").next().unwrap_or_default();
        let Some((first, rest)) = path.split_first() else { return Some(current.to_owned()) };
        let mut base: Vec<String> = match first.as_str() {
            "crate" => vec![root.to_owned()],
            "self" => current.split("::").map(str::to_owned).collect(),
            "super" => {
                let mut parent: Vec<String> = current.split("::").map(str::to_owned).collect();
                parent.pop();
                parent
            }
            name if self.modules.contains(name) => vec![name.to_owned()],
            name if self.modules.contains(&format!("{current}::{name}")) => {
                current.split("::").map(str::to_owned).chain([name.to_owned()]).collect()
            }
            name if self.modules.contains(&format!("{root}::{name}")) => vec![root.to_owned(), name.to_owned()],
            _ => return None,
        };
        for segment in rest {
            if segment == "super" {
                base.pop();
            } else {
                base.push(segment.clone());
            }
        }
        let module = base.join("::");
        self.modules.contains(&module).then_some(module)
    }

    /// The module defining `ident` as seen from `module`: defined there, or re-exported by name
    /// or glob (followed a few levels deep).
    fn lookup(&self, module: &str, ident: &str, depth: usize) -> Option<String> {
        if self.defined.get(ident).is_some_and(|modules| modules.iter().any(|defined| defined == module)) {
            return Some(module.to_owned());
        }
        if depth > 6 {
            return None;
        }
        let Uses { named, globs } = self.reexports.get(module)?;
        if let Some(path) = named.get(ident)
            && let Some((original, modules)) = path.split_last()
        {
            return self.module_of(module, modules).and_then(|target| self.lookup(&target, original, depth + 1));
        }
        globs
            .iter()
            .filter_map(|glob| self.module_of(module, glob))
            .find_map(|target| self.lookup(&target, ident, depth + 1))
    }
}

/// What reading one item needs: its file, module, the name index and the features.
struct Reader<'a> {
    file: &'a SourceFile,
    module: &'a str,
    index: &'a Index,
    features: &'a BTreeSet<String>,
    /// In `type X = …::X;` the target is another `X`, never the alias itself.
    alias_of: Option<String>,
}

impl Reader<'_> {
    fn location(&self, span: proc_macro2::Span) -> Location {
        Location { file: self.file.relative.clone(), line: span.start().line }
    }

    fn structure(&self, item: &syn::ItemStruct, hand_written: &BTreeSet<String>) -> Option<Definition> {
        let ident = ident_text(&item.ident);
        let container = Container::of(&item.attrs, self.features);
        let generics = generic_names(&item.generics);
        let shape = if let Some(shape) = container.opaque(&ident, hand_written) {
            shape
        } else {
            match &item.fields {
                Fields::Named(named) => {
                    let members = self.members(named.named.iter(), &container, &generics);
                    if container.transparent {
                        Shape::Alias(members.into_iter().next().map(|member| member.ty).unwrap_or(WireTy::Any))
                    } else {
                        Shape::Struct { members, deny_unknown: container.deny_unknown }
                    }
                }
                Fields::Unnamed(unnamed) => {
                    let types: Vec<WireTy> = unnamed
                        .unnamed
                        .iter()
                        .filter(|field| enabled(&field.attrs, self.features))
                        .map(|field| self.wire_ty(&field.ty, &generics))
                        .collect();
                    match <[WireTy; 1]>::try_from(types) {
                        Ok([single]) => Shape::Alias(single),
                        Err(_) => Shape::Alias(WireTy::Array(Box::new(WireTy::Any))),
                    }
                }
                Fields::Unit => Shape::Alias(WireTy::Any),
            }
        };
        let doc_schemas = doc_schemas(item, &self.members_for_docs(item, &container));
        Some(Definition {
            ident,
            module: self.module.to_owned(),
            shape,
            location: self.location(item.ident.span()),
            generics,
            documented: container.documented,
            doc_schemas,
        })
    }

    /// Rust field name → wire name, for the `remove_in` lists of the server's docs macro.
    fn members_for_docs(&self, item: &syn::ItemStruct, container: &Container) -> BTreeMap<String, String> {
        let Fields::Named(named) = &item.fields else { return BTreeMap::new() };
        named
            .named
            .iter()
            .filter_map(|field| {
                let rust = field.ident.as_ref().map(ident_text)?;
                let attrs = FieldAttrs::of(&field.attrs, self.features);
                let name = attrs.rename.clone().unwrap_or_else(|| container.rename_field(&rust));
                Some((rust, name))
            })
            .collect()
    }

    fn enumeration(&self, item: &syn::ItemEnum, hand_written: &BTreeSet<String>) -> Option<Definition> {
        let ident = ident_text(&item.ident);
        let container = Container::of(&item.attrs, self.features);
        let generics = generic_names(&item.generics);
        let shape = match container.opaque(&ident, hand_written) {
            Some(shape) => shape,
            None => {
                let variants = item
                    .variants
                    .iter()
                    .filter(|variant| enabled(&variant.attrs, self.features))
                    .filter_map(|variant| self.variant(variant, &container, &generics))
                    .collect();
                Shape::Enum { tagging: container.tagging(), variants }
            }
        };
        Some(Definition {
            ident,
            module: self.module.to_owned(),
            shape,
            location: self.location(item.ident.span()),
            generics,
            documented: container.documented,
            doc_schemas: BTreeMap::new(),
        })
    }

    fn variant(&self, variant: &syn::Variant, container: &Container, generics: &[String]) -> Option<Variant> {
        let attrs = FieldAttrs::of(&variant.attrs, self.features);
        if attrs.skip_serializing && attrs.skip_deserializing {
            return None;
        }
        let rust = ident_text(&variant.ident);
        let name = attrs.rename.clone().unwrap_or_else(|| container.rename_variant(&rust));
        let read_name = attrs
            .rename_deserialize
            .clone()
            .or_else(|| attrs.rename.clone())
            .unwrap_or_else(|| container.read_variant(&rust));
        let mut accepted = vec![read_name];
        accepted.extend(attrs.aliases.iter().cloned());
        let inner = Container {
            rename_all: attrs.rename_all.clone().or_else(|| container.rename_all_fields.clone()),
            ..Container::default()
        };
        let payload = match &variant.fields {
            Fields::Unit => Payload::Unit,
            Fields::Unnamed(unnamed) => {
                let types: Vec<WireTy> = unnamed
                    .unnamed
                    .iter()
                    .filter(|field| enabled(&field.attrs, self.features))
                    .filter(|field| !FieldAttrs::of(&field.attrs, self.features).skip_serializing)
                    .map(|field| self.wire_ty(&field.ty, generics))
                    .collect();
                match <[WireTy; 1]>::try_from(types) {
                    Ok([single]) => Payload::Newtype(single),
                    Err(types) => Payload::Tuple(types),
                }
            }
            Fields::Named(named) => Payload::Struct(self.members(named.named.iter(), &inner, generics)),
        };
        Some(Variant {
            rust,
            name,
            accepted,
            payload,
            other: attrs.other,
            location: self.location(variant.ident.span()),
        })
    }

    fn members<'f>(
        &self,
        fields: impl Iterator<Item = &'f syn::Field>,
        container: &Container,
        generics: &[String],
    ) -> Vec<Member> {
        fields
            .filter(|field| enabled(&field.attrs, self.features))
            .filter_map(|field| {
                let rust = field.ident.as_ref().map(ident_text)?;
                let attrs = FieldAttrs::of(&field.attrs, self.features);
                let name = attrs.rename.clone().unwrap_or_else(|| container.rename_field(&rust));
                let read_name = attrs
                    .rename_deserialize
                    .clone()
                    .or_else(|| attrs.rename.clone())
                    .unwrap_or_else(|| container.read_field(&rust));
                let mut accepted = vec![read_name];
                accepted.extend(attrs.aliases.iter().cloned());
                let ty = self.wire_ty(&field.ty, generics);
                let is_option = matches!(ty, WireTy::Option(_));
                let written = if attrs.skip_serializing {
                    Written::Never
                } else if attrs.skip_serializing_if {
                    Written::Sometimes
                } else {
                    Written::Always
                };
                // serde reads a missing `Option` as `None` only when it deserializes the field
                // itself: a custom `deserialize_with` without `default` makes it required.
                let read = if attrs.skip_deserializing {
                    Read::Ignored
                } else if attrs.default || container.default || (is_option && !attrs.custom_deserialize()) {
                    Read::Optional
                } else {
                    Read::Required
                };
                Some(Member {
                    rust,
                    name,
                    accepted,
                    ty,
                    written,
                    read,
                    flatten: attrs.flatten,
                    custom: attrs.with.or(attrs.serialize_with).or(attrs.deserialize_with),
                    location: self.location(field.span()),
                })
            })
            .collect()
    }

    fn alias(&self, item: &syn::ItemType) -> Definition {
        let generics = generic_names(&item.generics);
        Definition {
            ident: ident_text(&item.ident),
            module: self.module.to_owned(),
            shape: Shape::Alias(self.wire_ty(&item.ty, &generics)),
            location: self.location(item.ident.span()),
            generics,
            documented: false,
            doc_schemas: BTreeMap::new(),
        }
    }

    /// A Rust type as JSON sees it. Standard containers and scalars are known; other paths
    /// resolve to a definition of the crates read, or stay [`WireTy::Foreign`].
    fn wire_ty(&self, ty: &Type, generics: &[String]) -> WireTy {
        match ty {
            Type::Path(path) if path.qself.is_none() => self.path_ty(&path.path, generics),
            Type::Reference(reference) => self.wire_ty(&reference.elem, generics),
            Type::Paren(inner) => self.wire_ty(&inner.elem, generics),
            Type::Group(inner) => self.wire_ty(&inner.elem, generics),
            Type::Array(array) => WireTy::Array(Box::new(self.wire_ty(&array.elem, generics))),
            Type::Slice(slice) => WireTy::Array(Box::new(self.wire_ty(&slice.elem, generics))),
            Type::Tuple(tuple) if tuple.elems.is_empty() => WireTy::Any,
            Type::Tuple(_) => WireTy::Array(Box::new(WireTy::Any)),
            other => {
                let path = quote::ToTokens::to_token_stream(other).to_string().replace(' ', "");
                WireTy::Foreign(Foreign { name: path.clone(), path, args: Vec::new() })
            }
        }
    }

    fn path_ty(&self, path: &syn::Path, generics: &[String]) -> WireTy {
        let Some(last) = path.segments.last() else { return WireTy::Any };
        let written: Vec<String> = path.segments.iter().map(|segment| ident_text(&segment.ident)).collect();
        let arguments: Vec<&Type> = match &last.arguments {
            PathArguments::AngleBracketed(angle) => angle
                .args
                .iter()
                .filter_map(|argument| match argument {
                    GenericArgument::Type(ty) => Some(ty),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let argument = |index: usize| arguments.get(index).map_or(WireTy::Any, |ty| self.wire_ty(ty, generics));
        let arguments_ty = || (0..arguments.len()).map(argument).collect::<Vec<_>>();
        if written.len() == 1 && generics.contains(&written[0]) {
            return WireTy::Foreign(Foreign { name: written[0].clone(), path: written[0].clone(), args: Vec::new() });
        }
        // The first segment may be an imported name: `Url` from `use url::Url`.
        let full: Vec<String> = match self.file.uses.named.get(&written[0]) {
            Some(imported) => imported.iter().chain(&written[1..]).cloned().collect(),
            None => written,
        };
        let (ident, qualifiers) = full.split_last().map(|(ident, rest)| (ident.clone(), rest)).unwrap_or_default();
        let root = qualifiers.first().map(String::as_str);
        if matches!(root, None | Some("std" | "core" | "alloc")) {
            match ident.as_str() {
                "Option" => return WireTy::Option(Box::new(argument(0))),
                "Vec" | "VecDeque" | "HashSet" | "BTreeSet" => return WireTy::Array(Box::new(argument(0))),
                "HashMap" | "BTreeMap" => return WireTy::Map(Box::new(argument(1))),
                "Box" | "Arc" | "Rc" | "Cow" => return argument(0),
                "String" | "str" | "char" => return WireTy::String,
                "bool" => return WireTy::Boolean,
                "f32" | "f64" => return WireTy::Number,
                "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize"
                | "NonZeroI64" | "NonZeroU8" | "NonZeroU16" | "NonZeroU32" | "NonZeroU64" | "NonZeroI32" => {
                    return WireTy::Integer;
                }
                _ => {}
            }
        }
        match (root, ident.as_str()) {
            (Some("serde_json"), "Value") => return WireTy::Any,
            (Some("serde_json"), "Map") => return WireTy::Map(Box::new(WireTy::Any)),
            (Some("indexmap"), "IndexMap") => return WireTy::Map(Box::new(argument(1))),
            (Some("indexmap"), "IndexSet") => return WireTy::Array(Box::new(argument(0))),
            _ => {}
        }
        match self.resolve(&ident, qualifiers) {
            Some(module) => WireTy::Named(format!("{module}::{ident}"), arguments_ty()),
            None => WireTy::Foreign(Foreign { name: ident, path: full.join("::"), args: arguments_ty() }),
        }
    }

    /// The module of the definition `ident` names here, given the path's qualifiers (in order).
    /// A qualified path is followed through modules and re-exports, and is foreign when it leads
    /// outside the crates read; a bare name is looked up here, then through the file's glob
    /// imports, then (a macro or prelude brought it) anywhere in this crate or the others.
    fn resolve(&self, ident: &str, qualifiers: &[String]) -> Option<String> {
        let found = if qualifiers.is_empty() {
            self.index.lookup(self.module, ident, 0).filter(|module| !self.is_self_alias(ident, module)).or_else(|| {
                self.file
                    .uses
                    .globs
                    .iter()
                    .filter_map(|glob| self.index.module_of(self.module, glob))
                    .find_map(|module| self.index.lookup(&module, ident, 0))
            })
        } else {
            let module = self.index.module_of(self.module, qualifiers)?;
            return self.index.lookup(&module, ident, 0).filter(|module| !self.is_self_alias(ident, module));
        };
        found.or_else(|| {
            let krate = self.module.split("::").next().unwrap_or_default();
            let candidates: Vec<&String> =
                self.index.defined.get(ident)?.iter().filter(|module| !self.is_self_alias(ident, module)).collect();
            candidates
                .iter()
                .find(|module| module.split("::").next() == Some(krate))
                .or_else(|| candidates.first())
                .map(|module| (*module).clone())
        })
    }

    /// Whether `module::ident` is the alias being read (`type X = other::X;`).
    fn is_self_alias(&self, ident: &str, module: &str) -> bool {
        self.alias_of.as_deref() == Some(ident) && module == self.module
    }
}

/// The `generate_schemas(…)` of the server's docs macro, each with the wire names `remove_in`
/// drops from it.
fn doc_schemas(item: &syn::ItemStruct, names: &BTreeMap<String, String>) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for attr in item.attrs.iter().filter(|attr| attr.path().is_ident("generate_schemas")) {
        for schema in path_list(attr) {
            out.entry(schema).or_default();
        }
    }
    let Fields::Named(named) = &item.fields else { return out };
    for field in &named.named {
        let Some(rust) = field.ident.as_ref().map(ident_text) else { continue };
        for attr in field.attrs.iter().filter(|attr| attr.path().is_ident("remove_in")) {
            for schema in path_list(attr) {
                let name = names.get(&rust).cloned().unwrap_or_else(|| rust.clone());
                out.entry(schema).or_default().push(name);
            }
        }
    }
    out
}

fn path_list(attr: &Attribute) -> Vec<String> {
    attr.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
        .map(|paths| {
            paths.iter().filter_map(|path| path.segments.last().map(|segment| ident_text(&segment.ident))).collect()
        })
        .unwrap_or_default()
}

/// Serde attributes of a struct or enum.
#[derive(Debug, Default)]
struct Container {
    rename_all: Option<String>,
    rename_all_deserialize: Option<String>,
    /// `rename_all_fields`: the rule for the members of every struct variant.
    rename_all_fields: Option<String>,
    deny_unknown: bool,
    tag: Option<String>,
    content: Option<String>,
    untagged: bool,
    transparent: bool,
    default: bool,
    /// `from`, `try_from` or `into`: the wire form is another type's.
    converted: Option<String>,
    serialize: bool,
    deserialize: bool,
    /// Derives `ToSchema`.
    documented: bool,
}

impl Container {
    fn of(attrs: &[Attribute], features: &BTreeSet<String>) -> Self {
        let mut container = Container::default();
        for meta in effective_metas(attrs, features) {
            if meta.path().is_ident("derive") {
                let Meta::List(list) = &meta else { continue };
                let Ok(paths) = list.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated) else {
                    continue;
                };
                for path in paths {
                    match path.segments.last().map(|segment| segment.ident.to_string()).as_deref() {
                        Some("Serialize") => container.serialize = true,
                        Some("Deserialize") => container.deserialize = true,
                        Some("ToSchema") => container.documented = true,
                        _ => {}
                    }
                }
            } else if meta.path().is_ident("serde") {
                let Meta::List(list) = &meta else { continue };
                let _ = list.parse_nested_meta(|nested| {
                    let key = nested.path.get_ident().map(ToString::to_string).unwrap_or_default();
                    match key.as_str() {
                        "rename_all" => {
                            let (serialize, deserialize) = directional(&nested)?;
                            container.rename_all = serialize.or(container.rename_all.take());
                            container.rename_all_deserialize = deserialize;
                        }
                        "rename_all_fields" => container.rename_all_fields = directional(&nested)?.0,
                        "deny_unknown_fields" => container.deny_unknown = true,
                        "tag" => container.tag = Some(nested.value()?.parse::<syn::LitStr>()?.value()),
                        "content" => container.content = Some(nested.value()?.parse::<syn::LitStr>()?.value()),
                        "untagged" => container.untagged = true,
                        "transparent" => container.transparent = true,
                        "default" => {
                            container.default = true;
                            skip_value(&nested)?;
                        }
                        "from" | "try_from" | "into" => {
                            container.converted = Some(nested.value()?.parse::<syn::LitStr>()?.value());
                        }
                        _ => skip_value(&nested)?,
                    }
                    Ok(())
                });
            }
        }
        container
    }

    /// The shape of a type whose wire form the derive does not decide.
    fn opaque(&self, ident: &str, hand_written: &BTreeSet<String>) -> Option<Shape> {
        if let Some(via) = &self.converted {
            return Some(Shape::Opaque(format!("converted through `{via}`")));
        }
        if !self.serialize && !self.deserialize {
            return Some(Shape::Opaque(if hand_written.contains(ident) {
                "hand-written serde impls".to_owned()
            } else {
                "no serde derive".to_owned()
            }));
        }
        None
    }

    fn tagging(&self) -> Tagging {
        match (&self.tag, &self.content, self.untagged) {
            (_, _, true) => Tagging::Untagged,
            (Some(tag), Some(content), _) => Tagging::Adjacent(tag.clone(), content.clone()),
            (Some(tag), None, _) => Tagging::Internal(tag.clone()),
            (None, ..) => Tagging::External,
        }
    }

    fn rename_field(&self, rust: &str) -> String {
        match &self.rename_all {
            Some(rule) => case::field(rust, rule),
            None => rust.to_owned(),
        }
    }

    /// The name a field is read under (`rename_all(deserialize = …)` may differ).
    fn read_field(&self, rust: &str) -> String {
        match self.rename_all_deserialize.as_ref().or(self.rename_all.as_ref()) {
            Some(rule) => case::field(rust, rule),
            None => rust.to_owned(),
        }
    }

    /// The name a variant is read under.
    fn read_variant(&self, rust: &str) -> String {
        match self.rename_all_deserialize.as_ref().or(self.rename_all.as_ref()) {
            Some(rule) => case::variant(rust, rule),
            None => rust.to_owned(),
        }
    }

    fn rename_variant(&self, rust: &str) -> String {
        match &self.rename_all {
            Some(rule) => case::variant(rust, rule),
            None => rust.to_owned(),
        }
    }
}

/// Serde attributes of a field or variant.
#[derive(Debug, Default)]
struct FieldAttrs {
    rename: Option<String>,
    rename_deserialize: Option<String>,
    rename_all: Option<String>,
    aliases: Vec<String>,
    default: bool,
    skip_serializing: bool,
    skip_deserializing: bool,
    skip_serializing_if: bool,
    flatten: bool,
    other: bool,
    with: Option<String>,
    serialize_with: Option<String>,
    deserialize_with: Option<String>,
}

impl FieldAttrs {
    fn of(attrs: &[Attribute], features: &BTreeSet<String>) -> Self {
        let mut out = FieldAttrs::default();
        for meta in effective_metas(attrs, features) {
            let Meta::List(list) = &meta else { continue };
            if !list.path.is_ident("serde") {
                continue;
            }
            let _ = list.parse_nested_meta(|nested| {
                let key = nested.path.get_ident().map(ToString::to_string).unwrap_or_default();
                match key.as_str() {
                    "rename" => {
                        let (serialize, deserialize) = directional(&nested)?;
                        out.rename = serialize.or(out.rename.take());
                        out.rename_deserialize = deserialize;
                    }
                    "rename_all" => out.rename_all = directional(&nested)?.0,
                    "alias" => out.aliases.push(nested.value()?.parse::<syn::LitStr>()?.value()),
                    "default" => {
                        out.default = true;
                        skip_value(&nested)?;
                    }
                    "skip" => {
                        out.skip_serializing = true;
                        out.skip_deserializing = true;
                    }
                    "skip_serializing" => out.skip_serializing = true,
                    "skip_deserializing" => out.skip_deserializing = true,
                    "skip_serializing_if" => {
                        out.skip_serializing_if = true;
                        skip_value(&nested)?;
                    }
                    "flatten" => out.flatten = true,
                    "other" => out.other = true,
                    "with" => out.with = Some(nested.value()?.parse::<syn::LitStr>()?.value()),
                    "serialize_with" => out.serialize_with = Some(nested.value()?.parse::<syn::LitStr>()?.value()),
                    "deserialize_with" => out.deserialize_with = Some(nested.value()?.parse::<syn::LitStr>()?.value()),
                    _ => skip_value(&nested)?,
                }
                Ok(())
            });
        }
        out
    }

    fn custom_deserialize(&self) -> bool {
        self.with.is_some() || self.deserialize_with.is_some()
    }
}

/// `key = "v"` → (v, None); `key(serialize = "a", deserialize = "b")` → (a, b).
fn directional(nested: &syn::meta::ParseNestedMeta) -> syn::Result<(Option<String>, Option<String>)> {
    if nested.input.peek(Token![=]) {
        let value = nested.value()?.parse::<syn::LitStr>()?.value();
        return Ok((Some(value), None));
    }
    let mut serialize = None;
    let mut deserialize = None;
    nested.parse_nested_meta(|inner| {
        let value = inner.value()?.parse::<syn::LitStr>()?.value();
        if inner.path.is_ident("serialize") {
            serialize = Some(value);
        } else if inner.path.is_ident("deserialize") {
            deserialize = Some(value);
        }
        Ok(())
    })?;
    Ok((serialize, deserialize))
}

/// Consumes `= value` or `(…)` after a key this reader does not need.
fn skip_value(nested: &syn::meta::ParseNestedMeta) -> syn::Result<()> {
    if nested.input.peek(Token![=]) {
        nested.value()?.parse::<syn::Expr>()?;
    } else if nested.input.peek(syn::token::Paren) {
        let _group: proc_macro2::Group = nested.input.parse()?;
    }
    Ok(())
}

/// The attributes in force: plain ones, and the contents of each `cfg_attr` whose predicate holds.
fn effective_metas(attrs: &[Attribute], features: &BTreeSet<String>) -> Vec<Meta> {
    let mut out = Vec::new();
    for attr in attrs {
        if attr.path().is_ident("cfg_attr") {
            let Ok(parts) = attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) else { continue };
            let mut parts = parts.into_iter();
            if parts.next().is_some_and(|predicate| holds(&predicate, features)) {
                out.extend(parts);
            }
        } else {
            out.push(attr.meta.clone());
        }
    }
    out
}

/// Whether every `#[cfg(…)]` of an item holds.
pub fn enabled(attrs: &[Attribute], features: &BTreeSet<String>) -> bool {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg"))
        .all(|attr| attr.parse_args::<Meta>().map(|predicate| holds(&predicate, features)).unwrap_or(false))
}

/// Evaluates a `cfg` predicate: `feature = "…"` by the feature set, `all`/`any`/`not`; `test` and
/// anything else is off (the server is built for Linux, not for tests).
fn holds(predicate: &Meta, features: &BTreeSet<String>) -> bool {
    match predicate {
        Meta::NameValue(pair) if pair.path.is_ident("feature") => {
            string_literal(&pair.value).is_some_and(|feature| features.contains(&feature))
        }
        Meta::NameValue(pair) if pair.path.is_ident("target_os") => {
            string_literal(&pair.value).is_some_and(|os| os == "linux")
        }
        Meta::NameValue(pair) if pair.path.is_ident("target_family") => {
            string_literal(&pair.value).is_some_and(|family| family == "unix")
        }
        Meta::Path(path) if path.is_ident("unix") => true,
        Meta::List(list) => {
            let Ok(inner) = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) else {
                return false;
            };
            if list.path.is_ident("all") {
                inner.iter().all(|predicate| holds(predicate, features))
            } else if list.path.is_ident("any") {
                inner.iter().any(|predicate| holds(predicate, features))
            } else if list.path.is_ident("not") {
                inner.first().is_some_and(|predicate| !holds(predicate, features))
            } else {
                false
            }
        }
        _ => false,
    }
}

fn string_literal(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(value), .. }) => Some(value.value()),
        _ => None,
    }
}

fn generic_names(generics: &syn::Generics) -> Vec<String> {
    generics
        .params
        .iter()
        .filter_map(|param| match param {
            syn::GenericParam::Type(ty) => Some(ident_text(&ty.ident)),
            _ => None,
        })
        .collect()
}

fn ident_text(ident: &proc_macro2::Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#").map(str::to_owned).unwrap_or(text)
}

/// serde's `rename_all` conventions.
pub mod case {
    /// A field name (written in snake_case) under `rule`.
    pub fn field(name: &str, rule: &str) -> String {
        match rule {
            "lowercase" | "snake_case" => name.to_owned(),
            "UPPERCASE" | "SCREAMING_SNAKE_CASE" => name.to_ascii_uppercase(),
            "PascalCase" => pascal(name),
            "camelCase" => {
                let pascal = pascal(name);
                let mut chars = pascal.chars();
                chars.next().map(|first| first.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
            }
            "kebab-case" => name.replace('_', "-"),
            "SCREAMING-KEBAB-CASE" => name.replace('_', "-").to_ascii_uppercase(),
            _ => name.to_owned(),
        }
    }

    /// A variant name (written in PascalCase) under `rule`.
    pub fn variant(name: &str, rule: &str) -> String {
        match rule {
            "lowercase" => name.to_ascii_lowercase(),
            "UPPERCASE" => name.to_ascii_uppercase(),
            "PascalCase" => name.to_owned(),
            "camelCase" => {
                let mut chars = name.chars();
                chars.next().map(|first| first.to_ascii_lowercase().to_string() + chars.as_str()).unwrap_or_default()
            }
            "snake_case" => snake(name),
            "SCREAMING_SNAKE_CASE" => snake(name).to_ascii_uppercase(),
            "kebab-case" => snake(name).replace('_', "-"),
            "SCREAMING-KEBAB-CASE" => snake(name).replace('_', "-").to_ascii_uppercase(),
            _ => name.to_owned(),
        }
    }

    /// Each upper-case letter after the first starts a new `_`-separated word.
    fn snake(name: &str) -> String {
        let mut out = String::with_capacity(name.len() + 4);
        for (index, ch) in name.char_indices() {
            if index > 0 && ch.is_uppercase() {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        }
        out
    }

    fn pascal(name: &str) -> String {
        let mut out = String::with_capacity(name.len());
        let mut upper = true;
        for ch in name.chars() {
            if ch == '_' {
                upper = true;
            } else if upper {
                out.push(ch.to_ascii_uppercase());
                upper = false;
            } else {
                out.push(ch);
            }
        }
        out
    }
}
