//! `make scaffold NAME=projects FIELDS="name:string(1..120) done:bool"`:
//! writes a new resource across the whole stack from `scaffold/templates/`
//! (migration, SQL, API, backend tests, SPA feature, e2e spec) and
//! registers it; `make scaffold-remove NAME=projects` takes it out again.
//! The Make targets then run the regeneration steps (SQLx query data, the
//! OpenAPI snapshot, the SPA's client, the formatters).

mod fields;
mod names;
mod plan;
#[cfg(test)]
mod round_trip_tests;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Parser, Subcommand};

use crate::names::Names;
use crate::plan::Plan;

#[derive(Parser)]
#[command(about = "Generate or remove a resource across the whole stack")]
struct Cli {
    /// The repository (default: found upwards from the current folder).
    #[arg(long, global = true)]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a new resource: `new projects name:string(1..120) done:bool`.
    New {
        /// Plural, snake_case: the table, the module and (with dashes) the URL.
        name: String,
        /// The singular, when adding an `s` to it does not make NAME.
        #[arg(long)]
        singular: Option<String>,
        /// Only list the files it would write.
        #[arg(long)]
        dry_run: bool,
        /// name:type[?] ..., types: string, string(MAX), string(MIN..MAX),
        /// text, int, int(MIN..MAX), bool, date, timestamp, ref(<resource>).
        fields: Vec<String>,
    },
    /// Delete a generated resource's files and registrations.
    Remove {
        name: String,
        #[arg(long)]
        singular: Option<String>,
        /// Only list the files it would delete.
        #[arg(long)]
        dry_run: bool,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            eprintln!("nothing was changed");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let root = match cli.root {
        Some(root) => root,
        None => find_root()?,
    };
    match cli.command {
        Command::New {
            name,
            singular,
            dry_run,
            fields,
        } => {
            let names = Names::new(&name, singular.as_deref())?;
            let fields = fields::parse_all(&fields)?;
            let plan = Plan::generate(&root, &names, &fields)?;
            if !dry_run {
                plan.write(&root)?;
            }
            let verb = if dry_run { "would write" } else { "wrote" };
            print_changes(verb, &plan);
        }
        Command::Remove {
            name,
            singular,
            dry_run,
        } => {
            let names = Names::new(&name, singular.as_deref())?;
            let plan = Plan::remove(&root, &names)?;
            if !dry_run {
                plan.delete(&root)?;
            }
            print_changes(if dry_run { "would remove" } else { "removed" }, &plan);
        }
    }
    Ok(())
}

fn print_changes(verb: &str, plan: &Plan) {
    println!("{verb} {} files:", plan.files.len());
    for path in plan.files.keys() {
        println!("  {}", path.display());
    }
    println!("and changed:");
    for path in plan.edits.keys() {
        println!("  {}", path.display());
    }
}

/// The nearest folder upwards that holds `scaffold/templates`.
fn find_root() -> Result<PathBuf> {
    let here = std::env::current_dir()?;
    let mut dir: Option<&Path> = Some(&here);
    while let Some(folder) = dir {
        if folder.join("scaffold/templates").is_dir() {
            return Ok(folder.to_path_buf());
        }
        dir = folder.parent();
    }
    bail!(
        "run this inside the project (no scaffold/templates above {})",
        here.display()
    )
}
