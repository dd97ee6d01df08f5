//! The generator against a copy of the repository's files it reads and
//! edits: what it writes, what it refuses, and that removing restores every
//! file byte for byte.

use std::fs;
use std::path::{Path, PathBuf};

use crate::fields::parse_all;
use crate::names::Names;
use crate::plan::Plan;

/// The files the generator reads or edits, copied from this repository.
const INPUTS: &[&str] = &[
    "scaffold/templates",
    "backend/migrations",
    "backend/src/api/mod.rs",
    "backend/src/db/mod.rs",
    "backend/src/db/items.rs",
    "backend/src/routes.rs",
    "backend/tests/api/main.rs",
    "backend/tests/api/errors/mod.rs",
];

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from, to).unwrap();
    }
}

/// Every file under `dir`, with its content, sorted by path.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push((path.clone(), fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

fn checkout() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    for input in INPUTS {
        copy(&repository().join(input), &root.path().join(input));
    }
    root
}

fn generate(root: &Path, name: &str, fields: &str) -> anyhow::Result<Plan> {
    let names = Names::new(name, None)?;
    let fields = parse_all(&[fields.to_string()])?;
    let plan = Plan::generate(root, &names, &fields)?;
    plan.write(root)?;
    Ok(plan)
}

fn remove(root: &Path, name: &str) {
    let plan = Plan::remove(root, &Names::new(name, None).unwrap()).unwrap();
    plan.delete(root).unwrap();
}

#[test]
fn generating_then_removing_leaves_every_file_as_it_was() {
    let root = checkout();
    let before = snapshot(root.path());
    let projects = generate(root.path(), "projects", "name:string(1..120) done:bool").unwrap();
    let tasks = generate(
        root.path(),
        "tasks",
        "title:string notes:text? n:int(0..9)? due:date at:timestamp? \
         item_id:ref(items) project_id:ref(projects)?",
    )
    .unwrap();
    for path in projects.files.keys().chain(tasks.files.keys()) {
        assert!(root.path().join(path).is_file(), "{}", path.display());
    }
    let routes = fs::read_to_string(root.path().join("backend/src/routes.rs")).unwrap();
    assert!(
        routes.contains(
            "        crate::api::projects::router(),\n        crate::api::tasks::router(),"
        )
    );
    remove(root.path(), "tasks");
    remove(root.path(), "projects");
    assert_eq!(snapshot(root.path()), before);
}

#[test]
fn a_refused_request_writes_nothing() {
    let root = checkout();
    generate(root.path(), "projects", "name:string").unwrap();
    let before = snapshot(root.path());
    for (name, fields, reason) in [
        ("projects", "name:string", "exists already"),
        (
            "notes",
            "body:text project_id:ref(users)",
            "must name a resource",
        ),
        (
            "notes",
            "body:text other_id:ref(others)",
            "must name a resource",
        ),
        ("Notes", "body:text", "snake_case"),
        ("notes", "body:txt", "unknown type"),
        ("errors", "body:text", "exists already"),
    ] {
        let err = generate(root.path(), name, fields)
            .err()
            .expect(name)
            .to_string();
        assert!(err.contains(reason), "{name} {fields}: {err}");
        assert_eq!(snapshot(root.path()), before, "{name} {fields}");
    }
}

#[test]
fn a_migration_gets_the_next_number() {
    let root = checkout();
    let plan = generate(root.path(), "projects", "name:string").unwrap();
    let migrations: Vec<_> = plan
        .files
        .keys()
        .filter(|path| path.starts_with("backend/migrations"))
        .collect();
    assert!(!migrations.is_empty());
    let last = fs::read_dir(repository().join("backend/migrations"))
        .unwrap()
        .filter_map(|entry| {
            entry
                .unwrap()
                .file_name()
                .to_str()?
                .get(..4)?
                .parse::<u32>()
                .ok()
        })
        .max()
        .unwrap();
    let expected = format!("{:04}_create_projects", last + 1);
    assert!(
        migrations
            .iter()
            .all(|path| path.to_string_lossy().contains(&expected))
    );
}
