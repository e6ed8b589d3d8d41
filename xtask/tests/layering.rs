//! The generator is a pipeline and its folders say so: spec → intermediate model → Rust and
//! markdown → files. This test keeps it true. It reads every path of `xtask/src` that names a
//! module of the crate (`crate::…`, `super::…`, `self::…`, and a child module's name) and fails
//! when a module imports one of a later stage, when the two emitters import each other, or when
//! modules import each other in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// The stages, in pipeline order: (module, rank, stage). A module belongs to the longest entry
/// its path starts with. It may import a module of a lower rank, or of its own stage; never one
/// of a higher rank, nor one of another stage of the same rank (the two emitters).
const STAGES: &[(&str, u8, &str)] = &[
    ("generate::config", 0, "inputs"),
    ("generate::diag", 0, "inputs"),
    ("generate::load", 1, "load"),
    ("generate::ir", 2, "ir"),
    ("generate::lower", 3, "lower"),
    // What both emitters print: the Rust printer and the usage snippets.
    ("generate::emit", 4, "emit"),
    ("generate::emit::rust", 5, "emit::rust"),
    ("generate::emit::markdown", 5, "emit::markdown"),
    ("generate::write", 6, "write"),
    // The pipeline itself, and its end-to-end tests.
    ("generate", 7, "pipeline"),
    ("generate::tests", 7, "pipeline"),
    // The other commands, beside the generator.
    ("spec", 8, "spec"),
    ("conformance", 8, "conformance"),
    // `lib.rs`.
    ("", 9, "root"),
];

/// A module of the crate: its path (`generate::lower::shapes`) and the modules it names.
struct Module {
    path: String,
    imports: BTreeSet<String>,
}

/// Where a module stands: its rank and stage, or `None` when no entry places it (the crate
/// root and `generate` itself stand only for themselves: a new module must name its stage).
fn stage(module: &str) -> Option<(u8, &'static str)> {
    STAGES
        .iter()
        .filter(|(prefix, ..)| match *prefix {
            "" | "generate" => module == *prefix,
            _ => module == *prefix || module.starts_with(&format!("{prefix}::")),
        })
        .max_by_key(|(prefix, ..)| prefix.len())
        .map(|(_, rank, stage)| (*rank, *stage))
}

/// The module path of a file of `src/` (`generate/lower/mod.rs` → `generate::lower`);
/// `None` for the binary's `main.rs`.
fn module_of(relative: &Path) -> Option<Vec<String>> {
    let mut segments: Vec<String> =
        relative.with_extension("").iter().map(|part| part.to_string_lossy().into_owned()).collect();
    match segments.as_slice() {
        [only] if only == "main" => return None,
        [only] if only == "lib" => return Some(Vec::new()),
        _ => {}
    }
    if segments.last().is_some_and(|last| last == "mod") {
        segments.pop();
    }
    Some(segments)
}

/// The macros whose input is generated code.
const GENERATED_CODE: &[&str] = &["quote", "parse_quote"];

fn is_punct(token: Option<&TokenTree>, c: char) -> bool {
    matches!(token, Some(TokenTree::Punct(punct)) if punct.as_char() == c)
}

fn is_path_separator(tokens: &[TokenTree], at: usize) -> bool {
    is_punct(tokens.get(at), ':') && is_punct(tokens.get(at + 1), ':')
}

/// Every module path named in `tokens`, read inside `module` (whose `mod x;` children are
/// `children`).
fn references(tokens: TokenStream, module: &[String], children: &BTreeSet<String>, out: &mut Vec<Vec<String>>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut at = 0;
    while at < tokens.len() {
        match &tokens[at] {
            // Generated code, not ours: its paths name the vendor crate's modules.
            TokenTree::Ident(ident)
                if GENERATED_CODE.iter().any(|name| ident == name) && is_punct(tokens.get(at + 1), '!') =>
            {
                at += 3;
                continue;
            }
            TokenTree::Ident(ident) if ident == "mod" => {
                if let (Some(TokenTree::Ident(name)), Some(TokenTree::Group(body))) =
                    (tokens.get(at + 1), tokens.get(at + 2))
                    && body.delimiter() == Delimiter::Brace
                {
                    let mut inner = module.to_vec();
                    inner.push(name.to_string());
                    references(body.stream(), &inner, &BTreeSet::new(), out);
                    at += 3;
                    continue;
                }
            }
            TokenTree::Ident(ident)
                if is_path_separator(&tokens, at + 1) && !(at >= 1 && is_punct(tokens.get(at - 1), ':')) =>
            {
                let name = ident.to_string();
                let start = match name.as_str() {
                    "crate" => Some(Vec::new()),
                    "self" => Some(module.to_vec()),
                    "super" => Some(module[..module.len().saturating_sub(1)].to_vec()),
                    child if children.contains(child) => Some([module, &[child.to_owned()]].concat()),
                    _ => None,
                };
                if let Some(start) = start {
                    at = path(&tokens, at + 3, start, out);
                    continue;
                }
            }
            TokenTree::Group(group) => references(group.stream(), module, children, out),
            _ => {}
        }
        at += 1;
    }
}

/// Reads the rest of a path from `at` (just after a `::`), `prefix` being what it names so far;
/// a `{…}` group names each of its paths. Returns where the path ends.
fn path(tokens: &[TokenTree], mut at: usize, mut prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    loop {
        match tokens.get(at) {
            Some(TokenTree::Ident(ident)) if ident == "super" => {
                prefix.pop();
            }
            Some(TokenTree::Ident(ident)) if ident == "self" => {}
            Some(TokenTree::Ident(ident)) => prefix.push(ident.to_string()),
            Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Brace => {
                let inner: Vec<TokenTree> = group.stream().into_iter().collect();
                for branch in inner.split(|token| is_punct(Some(token), ',')).filter(|branch| !branch.is_empty()) {
                    path(branch, 0, prefix.clone(), out);
                }
                return at + 1;
            }
            _ => {
                out.push(prefix);
                return at;
            }
        }
        if !is_path_separator(tokens, at + 1) {
            out.push(prefix);
            return at + 1;
        }
        at += 3;
    }
}

/// The modules of the crate, each with the modules it names, from `(file relative to src/,
/// source)` pairs.
fn modules(files: &[(PathBuf, String)]) -> Vec<Module> {
    let paths: BTreeSet<String> =
        files.iter().filter_map(|(file, _)| module_of(file)).map(|segments| segments.join("::")).collect();
    let mut modules = Vec::new();
    for (file, source) in files {
        let Some(segments) = module_of(file) else { continue };
        let tokens = TokenStream::from_str(source).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        let own = segments.join("::");
        let children: BTreeSet<String> = paths
            .iter()
            .filter_map(|path| {
                let rest = if own.is_empty() { Some(path.as_str()) } else { path.strip_prefix(&format!("{own}::")) };
                rest.filter(|rest| !rest.is_empty() && !rest.contains("::")).map(str::to_owned)
            })
            .collect();
        let mut named = Vec::new();
        references(tokens, &segments, &children, &mut named);
        // The module a path names is the longest module of the crate it starts with.
        let imports = named
            .iter()
            .filter_map(|segments| {
                (0..=segments.len()).rev().map(|len| segments[..len].join("::")).find(|path| paths.contains(path))
            })
            .filter(|path| *path != own)
            .collect();
        modules.push(Module { path: own, imports });
    }
    modules
}

/// Every import that breaks the order of the stages, and every module no stage places.
fn stage_violations(modules: &[Module]) -> Vec<String> {
    let mut problems = Vec::new();
    for module in modules {
        let Some((rank, stage_name)) = stage(&module.path) else {
            problems.push(format!("`{}` is in no stage: add it to STAGES", module.path));
            continue;
        };
        for import in &module.imports {
            let Some((imported_rank, imported_stage)) = stage(import) else { continue };
            if imported_rank > rank {
                problems.push(format!(
                    "`{}` ({stage_name}) imports `{import}` ({imported_stage}), a later stage",
                    module.path
                ));
            } else if imported_rank == rank && imported_stage != stage_name {
                problems.push(format!(
                    "`{}` ({stage_name}) imports `{import}` ({imported_stage}): stages side by side never import \
                     each other",
                    module.path
                ));
            }
        }
    }
    problems
}

/// Every circle of imports, each as the modules in it.
fn circles(modules: &[Module]) -> Vec<Vec<String>> {
    let graph: BTreeMap<&str, Vec<&str>> = modules
        .iter()
        .map(|module| (module.path.as_str(), module.imports.iter().map(String::as_str).collect()))
        .collect();
    // Tarjan's strongly connected components: a component of more than one module is a circle.
    struct Search<'a> {
        graph: &'a BTreeMap<&'a str, Vec<&'a str>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        circles: Vec<Vec<String>>,
    }
    impl<'a> Search<'a> {
        fn visit(&mut self, node: &'a str) {
            let index = self.index.len();
            self.index.insert(node, index);
            self.low.insert(node, index);
            self.stack.push(node);
            for next in self.graph.get(node).into_iter().flatten().copied() {
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.stack.contains(&next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let at = self.stack.iter().rposition(|member| *member == node).unwrap_or_default();
                let component: Vec<String> = self.stack.drain(at..).map(str::to_owned).collect();
                if component.len() > 1 {
                    self.circles.push(component);
                }
            }
        }
    }
    let mut search =
        Search { graph: &graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), circles: Vec::new() };
    for node in graph.keys() {
        if !search.index.contains_key(node) {
            search.visit(node);
        }
    }
    search.circles
}

fn source_files(dir: &Path, root: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in fs::read_dir(dir).expect("xtask/src is readable") {
        let path = entry.expect("xtask/src is readable").path();
        if path.is_dir() {
            source_files(&path, root, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let source = fs::read_to_string(&path).expect("sources are UTF-8");
            out.push((path.strip_prefix(root).expect("found under src/").to_path_buf(), source));
        }
    }
}

#[test]
fn no_module_imports_a_later_stage_and_none_imports_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &src, &mut files);
    let modules = modules(&files);
    assert!(modules.iter().any(|module| module.path == "generate::lower::shapes"), "the sources were not read");
    let lower = modules.iter().find(|module| module.path == "generate::lower").unwrap();
    assert!(lower.imports.contains("generate::lower::shapes"), "a child module's path was not followed");
    let problems = stage_violations(&modules);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let circles = circles(&modules);
    assert!(circles.is_empty(), "modules importing each other: {circles:?}");
}

/// The checks find what they are for, written in each of the ways a path can name a module.
#[test]
fn a_later_stage_a_sibling_emitter_and_a_circle_are_each_found() {
    let files: Vec<(PathBuf, String)> = [
        ("lib.rs", "pub mod generate;"),
        ("generate/mod.rs", "pub mod ir; pub mod lower; pub mod emit;"),
        ("generate/ir/mod.rs", "pub mod model; use crate::generate::lower::naming::bare;"),
        ("generate/ir/model.rs", "pub struct Ty;"),
        ("generate/lower/mod.rs", "pub mod naming; pub mod shapes; fn f() { naming::bare(); }"),
        ("generate/lower/naming.rs", "use super::shapes::Mapper; pub fn bare() {}"),
        ("generate/lower/shapes.rs", "use super::{naming, super::ir::model::Ty}; pub struct Mapper;"),
        ("generate/emit/mod.rs", "pub mod rust; pub mod markdown;"),
        ("generate/emit/rust.rs", "fn f() { crate::generate::emit::markdown::page(); }"),
        ("generate/emit/markdown.rs", "mod tests { use super::super::rust; } pub fn page() {}"),
        ("generate/extra.rs", ""),
    ]
    .into_iter()
    .map(|(file, source)| (PathBuf::from(file), source.to_owned()))
    .collect();
    let modules = modules(&files);
    let problems = stage_violations(&modules);
    for expected in [
        "`generate::ir` (ir) imports `generate::lower::naming` (lower), a later stage",
        "`generate::emit::rust` (emit::rust) imports `generate::emit::markdown` (emit::markdown): stages side by side",
        "`generate::emit::markdown` (emit::markdown) imports `generate::emit::rust` (emit::rust): stages side by side",
        "`generate::extra` is in no stage",
    ] {
        assert!(problems.iter().any(|problem| problem.starts_with(expected)), "{expected} not in {problems:#?}");
    }
    assert_eq!(problems.len(), 4, "{problems:#?}");
    let shapes = modules.iter().find(|module| module.path == "generate::lower::shapes").unwrap();
    assert_eq!(shapes.imports, BTreeSet::from(["generate::ir::model".into(), "generate::lower::naming".into()]));
    let circles = circles(&modules);
    assert_eq!(circles.len(), 2, "{circles:?}");
    assert!(circles.iter().any(|circle| circle.contains(&"generate::lower::naming".to_owned())
        && circle.contains(&"generate::lower::shapes".to_owned())));
    assert!(circles.iter().any(|circle| circle.contains(&"generate::emit::rust".to_owned())));
}
