//! What generating (or removing) a resource changes: the files rendered from
//! `scaffold/templates/` and the one-line registrations in shared files.
//! Everything is worked out and checked in memory first, so a refused
//! request writes nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use minijinja::Environment;
use serde::Serialize;

use crate::fields::{Field, Kind};
use crate::names::Names;

const TEMPLATES: &str = "scaffold/templates";
const MIGRATIONS: &str = "backend/migrations";

/// A line added to a shared file: modules are declared there, and the route
/// table lists routers. Each is one line, whatever the formatters do, so
/// that removal finds it again.
struct Registration {
    file: &'static str,
    /// The line is inserted among the consecutive lines that start so,
    /// in sorted order; right after the `anchor` line when there are none.
    group: &'static str,
    anchor: &'static str,
    line: fn(&Names) -> String,
}

const REGISTRATIONS: &[Registration] = &[
    Registration {
        file: "backend/src/api/mod.rs",
        group: "pub mod ",
        anchor: "",
        line: |names| format!("pub mod {};", names.snake),
    },
    Registration {
        file: "backend/src/db/mod.rs",
        group: "pub mod ",
        anchor: "",
        line: |names| format!("pub mod {};", names.snake),
    },
    Registration {
        file: "backend/src/routes.rs",
        group: "        crate::api::",
        anchor: "    vec![",
        line: |names| format!("        crate::api::{}::router(),", names.snake),
    },
    Registration {
        file: "backend/tests/api/main.rs",
        group: "mod ",
        anchor: "",
        line: |names| format!("mod {};", names.snake),
    },
];

/// A reference field's target, in the spellings the templates need.
#[derive(Serialize)]
struct Reference {
    field: String,
    target: Names,
}

/// What the templates see.
#[derive(Serialize)]
struct Context<'a> {
    r: &'a Names,
    fields: &'a [Field],
    references: Vec<Reference>,
    migration: &'a str,
}

/// The files to write (path → content) and the shared files to rewrite.
pub struct Plan {
    pub files: BTreeMap<PathBuf, String>,
    pub edits: BTreeMap<PathBuf, String>,
}

impl Plan {
    /// Everything generating `names` with `fields` changes under `root`;
    /// refuses a resource that exists or a reference to one that does not.
    pub fn generate(root: &Path, names: &Names, fields: &[Field]) -> Result<Plan> {
        refuse_existing(root, names)?;
        let references = fields
            .iter()
            .filter(|field| field.kind == Kind::Ref)
            .map(|field| reference(root, field))
            .collect::<Result<Vec<_>>>()?;
        let migration = format!("{}_create_{}", next_migration_number(root)?, names.snake);
        let context = Context {
            r: names,
            fields,
            references,
            migration: &migration,
        };
        let mut files = BTreeMap::new();
        let env = environment();
        for template in template_files(root)? {
            let path = output_path(&template, names, &migration);
            let source = fs::read_to_string(root.join(TEMPLATES).join(&template))
                .with_context(|| format!("reading template {}", template.display()))?;
            let text = env
                .render_str(&source, &context)
                .with_context(|| format!("rendering template {}", template.display()))?;
            files.insert(path, tidy(&text));
        }
        let mut edits = BTreeMap::new();
        for registration in REGISTRATIONS {
            let path = PathBuf::from(registration.file);
            let text = read(root, &path)?;
            let added = insert_sorted(&text, registration, &(registration.line)(names))
                .with_context(|| format!("registering {} in {}", names.snake, path.display()))?;
            edits.insert(path, added);
        }
        Ok(Plan { files, edits })
    }

    /// Everything removing `names` changes: its files go, its registration
    /// lines leave the shared files. Refuses a name that was not generated.
    pub fn remove(root: &Path, names: &Names) -> Result<Plan> {
        let mut files = BTreeMap::new();
        let migrations = generated_migrations(root, names)?;
        for template in template_files(root)? {
            if template.to_string_lossy().contains("{migration}") {
                for migration in &migrations {
                    files.insert(output_path(&template, names, migration), String::new());
                }
            } else {
                files.insert(output_path(&template, names, ""), String::new());
            }
        }
        files.retain(|path, _| root.join(path).exists());
        if files.is_empty() {
            bail!("there is no generated resource {:?} to remove", names.snake);
        }
        let mut edits = BTreeMap::new();
        for registration in REGISTRATIONS {
            let path = PathBuf::from(registration.file);
            let text = read(root, &path)?;
            let line = (registration.line)(names);
            let kept: Vec<&str> = text.lines().filter(|l| *l != line).collect();
            if kept.len() != text.lines().count() {
                edits.insert(path, kept.join("\n") + "\n");
            }
        }
        Ok(Plan { files, edits })
    }

    /// Writes the new files and the edited shared files. A failure part way
    /// puts back what was already written.
    pub fn write(&self, root: &Path) -> Result<()> {
        let mut undo: Vec<(PathBuf, Option<String>)> = Vec::new();
        let result = self.write_all(root, &mut undo);
        if result.is_err() {
            for (path, before) in undo.into_iter().rev() {
                let _ = match before {
                    Some(text) => fs::write(&path, text),
                    None => fs::remove_file(&path),
                };
            }
        }
        result
    }

    fn write_all(&self, root: &Path, undo: &mut Vec<(PathBuf, Option<String>)>) -> Result<()> {
        for (path, text) in &self.files {
            let path = root.join(path);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir)?;
            }
            undo.push((path.clone(), None));
            fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        }
        for (path, text) in &self.edits {
            let path = root.join(path);
            undo.push((path.clone(), Some(fs::read_to_string(&path)?)));
            fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        }
        Ok(())
    }

    /// Deletes the files (and the folders they leave empty) and writes the
    /// edited shared files.
    pub fn delete(&self, root: &Path) -> Result<()> {
        for path in self.files.keys() {
            let path = root.join(path);
            fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
            let mut dir = path.parent();
            while let Some(folder) = dir.filter(|d| *d != root) {
                if fs::remove_dir(folder).is_err() {
                    break;
                }
                dir = folder.parent();
            }
        }
        for (path, text) in &self.edits {
            fs::write(root.join(path), text)?;
        }
        Ok(())
    }
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env
}

/// Template paths relative to the templates folder, sorted.
fn template_files(root: &Path) -> Result<Vec<PathBuf>> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
        for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, base, out)?;
            } else if path.extension().is_some_and(|ext| ext == "j2") {
                out.push(path.strip_prefix(base)?.to_path_buf());
            }
        }
        Ok(())
    }
    let base = root.join(TEMPLATES);
    let mut out = Vec::new();
    walk(&base, &base, &mut out)?;
    out.sort();
    Ok(out)
}

/// `backend/src/api/{snake}.rs.j2` → `backend/src/api/projects.rs`
fn output_path(template: &Path, names: &Names, migration: &str) -> PathBuf {
    let path = template.to_string_lossy();
    let path = path.strip_suffix(".j2").unwrap_or(&path);
    PathBuf::from(
        path.replace("{migration}", migration)
            .replace("{snake}", &names.snake)
            .replace("{snake_singular}", &names.snake_singular)
            .replace("{kebab}", &names.kebab)
            .replace("{kebab_singular}", &names.kebab_singular),
    )
}

/// No more than one blank line in a row, and one newline at the end: the
/// templates' loops and conditions leave gaps.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blanks = 0;
    for line in text.lines() {
        blanks = if line.trim().is_empty() {
            blanks + 1
        } else {
            0
        };
        if blanks < 2 {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out.trim_end().to_string() + "\n"
}

fn read(root: &Path, path: &Path) -> Result<String> {
    fs::read_to_string(root.join(path)).with_context(|| format!("reading {}", path.display()))
}

/// Adds `line` to the run of lines starting with the registration's group,
/// keeping it sorted.
fn insert_sorted(text: &str, registration: &Registration, line: &str) -> Result<String> {
    let group = registration.group;
    let lines: Vec<&str> = text.lines().collect();
    let first = match lines.iter().position(|l| l.starts_with(group)) {
        Some(first) => first,
        None => {
            let anchor = lines
                .iter()
                .position(|l| !registration.anchor.is_empty() && *l == registration.anchor)
                .with_context(|| format!("no line starts with {group:?}"))?;
            anchor + 1
        }
    };
    let run = lines[first..]
        .iter()
        .take_while(|l| l.starts_with(group))
        .count();
    if lines[first..first + run].contains(&line) {
        bail!("{line:?} is there already");
    }
    let at = first
        + lines[first..first + run]
            .iter()
            .take_while(|l| **l < line)
            .count();
    let mut out: Vec<&str> = lines[..at].to_vec();
    out.push(line);
    out.extend(&lines[at..]);
    Ok(out.join("\n") + "\n")
}

fn refuse_existing(root: &Path, names: &Names) -> Result<()> {
    let table = format!("CREATE TABLE {} ", names.snake);
    for entry in fs::read_dir(root.join(MIGRATIONS))? {
        let path = entry?.path();
        if fs::read_to_string(&path)?.contains(&table) {
            bail!(
                "a table {:?} exists already ({}); choose another NAME or remove it first \
                 (make scaffold-remove NAME={})",
                names.snake,
                path.strip_prefix(root)?.display(),
                names.snake
            );
        }
    }
    // A folder of its own that exists already (an SPA feature such as
    // `auth`, a test module such as `errors`) belongs to something else.
    for folder in [
        format!("frontend/src/features/{}", names.kebab),
        format!("backend/tests/api/{}", names.snake),
    ] {
        if root.join(&folder).exists() {
            bail!(
                "{folder} exists already: the name {:?} is in use; choose another NAME",
                names.snake
            );
        }
    }
    for template in template_files(root)? {
        let path = output_path(&template, names, "");
        if !path.to_string_lossy().contains(MIGRATIONS) && root.join(&path).exists() {
            bail!(
                "{} exists already: a resource named {:?} is there; choose another NAME",
                path.display(),
                names.snake
            );
        }
    }
    Ok(())
}

/// A reference must point at an owned resource: the items, or one made
/// with this generator (they have an `owner_id` and `db::<name>::find`).
fn reference(root: &Path, field: &Field) -> Result<Reference> {
    let target = field.target.as_deref().expect("a ref field has a target");
    let owned = root.join(format!("backend/src/db/{target}.rs"));
    let has_owner = fs::read_to_string(&owned).is_ok_and(|text| {
        text.contains("pub owner_id: Uuid") && text.contains("pub async fn find(")
    });
    if !has_owner {
        bail!(
            "field {:?}: ref({target}) must name a resource whose rows have an owner \
             (items, or one made with make scaffold)",
            field.name
        );
    }
    Ok(Reference {
        field: field.name.clone(),
        target: Names::existing(target)?,
    })
}

/// The migrations a generated `names` came with: `NNNN_create_<snake>`.
fn generated_migrations(root: &Path, names: &Names) -> Result<Vec<String>> {
    let suffix = format!("_create_{}.up.sql", names.snake);
    let mut found = Vec::new();
    for entry in fs::read_dir(root.join(MIGRATIONS))? {
        let file = entry?.file_name().to_string_lossy().to_string();
        if let Some(stem) = file.strip_suffix(".up.sql")
            && file.ends_with(&suffix)
        {
            found.push(stem.to_string());
        }
    }
    Ok(found)
}

fn next_migration_number(root: &Path) -> Result<String> {
    let mut last = 0;
    for entry in fs::read_dir(root.join(MIGRATIONS))? {
        let file = entry?.file_name().to_string_lossy().to_string();
        if let Some((number, _)) = file.split_once('_')
            && let Ok(number) = number.parse::<u32>()
        {
            last = last.max(number);
        }
    }
    Ok(format!("{:04}", last + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODULES: &Registration = &REGISTRATIONS[0];
    const ROUTERS: &Registration = &REGISTRATIONS[2];

    #[test]
    fn a_module_goes_in_sorted_order() {
        let text = "//! doc\n\npub mod alpha;\npub mod gamma;\n\nuse x;\n";
        let added = insert_sorted(text, MODULES, "pub mod beta;").unwrap();
        assert_eq!(
            added,
            "//! doc\n\npub mod alpha;\npub mod beta;\npub mod gamma;\n\nuse x;\n"
        );
        let last = insert_sorted(text, MODULES, "pub mod zeta;").unwrap();
        assert!(last.contains("pub mod gamma;\npub mod zeta;\n\nuse x;"));
        assert!(insert_sorted(text, MODULES, "pub mod alpha;").is_err());
        assert!(insert_sorted("use x;\n", MODULES, "pub mod beta;").is_err());
    }

    #[test]
    fn the_first_router_goes_after_its_anchor() {
        let text = "fn resources() {\n    vec![\n    ]\n}\n";
        let line = "        crate::api::b::router(),";
        let added = insert_sorted(text, ROUTERS, line).unwrap();
        assert_eq!(
            added,
            format!("fn resources() {{\n    vec![\n{line}\n    ]\n}}\n")
        );
        let second = insert_sorted(&added, ROUTERS, "        crate::api::a::router(),").unwrap();
        assert!(second.contains("a::router(),\n        crate::api::b::router()"));
    }

    #[test]
    fn tidy_keeps_single_blank_lines() {
        assert_eq!(tidy("a  \n\n\n\nb\n\n\n"), "a\n\nb\n");
    }
}
