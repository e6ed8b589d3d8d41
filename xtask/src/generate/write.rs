//! The last stage: the generated text → files, rust-analyzer style: unchanged files are left alone; in check mode
//! nothing is written and every file that differs (or should not exist) is named.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Every file a generation run produces, and the folders it owns entirely.
#[derive(Debug, Default)]
pub struct Output {
    /// Relative path → contents.
    pub files: BTreeMap<PathBuf, String>,
    /// Folders (relative) holding only generated files: anything else in them is stale.
    pub owned_dirs: Vec<PathBuf>,
}

/// What differs between an [`Output`] and the working tree.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Files whose contents differ or that are missing.
    pub changed: Vec<PathBuf>,
    /// Files in owned folders that generation no longer produces.
    pub stale: Vec<PathBuf>,
}

impl Changes {
    /// Whether the tree matches.
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.stale.is_empty()
    }
}

/// Compares `output` with the tree under `root`; writes and deletes unless `check`.
pub fn apply(root: &Path, output: &Output, check: bool) -> anyhow::Result<Changes> {
    let mut changes = Changes::default();
    for (path, contents) in &output.files {
        let full = root.join(path);
        if fs::read_to_string(&full).ok().as_deref() == Some(contents.as_str()) {
            continue;
        }
        changes.changed.push(path.clone());
        if !check {
            if let Some(parent) = full.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&full, contents)?;
        }
    }
    for dir in &output.owned_dirs {
        for file in walk(&root.join(dir))? {
            let relative = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
            if !output.files.contains_key(&relative) {
                if !check {
                    fs::remove_file(&file)?;
                }
                changes.stale.push(relative);
            }
        }
    }
    Ok(changes)
}

fn walk(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(walk(&path)?);
        } else {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_names_changed_and_stale_files_and_writes_nothing() {
        let root = std::env::temp_dir().join(format!("xtask-files-{}", std::process::id()));
        fs::create_dir_all(root.join("gen")).unwrap();
        fs::write(root.join("gen/same.rs"), "same").unwrap();
        fs::write(root.join("gen/old.rs"), "old").unwrap();
        fs::write(root.join("gen/stale.rs"), "stale").unwrap();
        let mut output = Output { owned_dirs: vec!["gen".into()], ..Output::default() };
        output.files.insert("gen/same.rs".into(), "same".into());
        output.files.insert("gen/old.rs".into(), "new".into());
        output.files.insert("gen/added.rs".into(), "added".into());

        let changes = apply(&root, &output, true).unwrap();
        assert_eq!(changes.changed, [PathBuf::from("gen/added.rs"), PathBuf::from("gen/old.rs")]);
        assert_eq!(changes.stale, [PathBuf::from("gen/stale.rs")]);
        assert_eq!(fs::read_to_string(root.join("gen/old.rs")).unwrap(), "old");

        apply(&root, &output, false).unwrap();
        assert!(apply(&root, &output, true).unwrap().is_clean());
        assert!(!root.join("gen/stale.rs").exists());
        fs::remove_dir_all(&root).unwrap();
    }
}
