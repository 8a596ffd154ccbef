//! The `stances` command line: parses arguments and dispatches to the library.

use clap::{Parser, Subcommand, ValueEnum};
use stances::check;
use stances::export::{self, View};
use stances::model::{Model, load};
use stances::source::SourceText;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Read and compare negotiating positions, every claim backed by a quote.
#[derive(Parser)]
#[command(
    name = "stances",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The positions file to open [default: ./positions.toml]
    file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Check a positions file: references, sources and every quote.
    Check {
        /// The positions file [default: ./positions.toml]
        file: Option<PathBuf>,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Export the comparison table (text, md, csv, html or json).
    Export(ExportArgs),
    /// Print the numbered sentences of one source (`*` marks the cited ones).
    Sentences {
        /// A source id from the positions file, or a path to a text file.
        source: String,
        /// The positions file [default: ./positions.toml]
        file: Option<PathBuf>,
        /// Only the sentences no position cites yet.
        #[arg(long)]
        uncited: bool,
        /// Print JSON: [{n, start, end, text, cited_by}], offsets in code points.
        #[arg(long)]
        json: bool,
    },
    /// Start a positions.toml for a folder of .txt sources (never overwrites).
    Init {
        /// The folder [default: .]
        dir: Option<PathBuf>,
    },
}

/// Arguments of `stances export`.
#[derive(clap::Args)]
struct ExportArgs {
    /// The positions file [default: ./positions.toml]
    file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum)]
    format: export::Format,
    /// The view date, YYYY-MM-DD [default: the latest as_of in the file]
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    /// Write to PATH (atomically) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    output: Option<PathBuf>,
    /// Width of the text table [default: the terminal's, or 100]
    #[arg(long)]
    width: Option<usize>,
    /// CSV: one row per citation instead of the wide table.
    #[arg(long)]
    long: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

const DEFAULT_FILE: &str = "positions.toml";

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check {
            file,
            strict,
            format,
        }) => run_check(file, strict, format),
        Some(Command::Sentences {
            source,
            file,
            uncited,
            json,
        }) => run_sentences(&source, file, uncited, json),
        Some(Command::Init { dir }) => run_init(dir),
        Some(Command::Export(args)) => run_export(args),
        None => run_view(cli.file),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let mut msg = format!("stances: error: {e}");
            for cause in e.chain().skip(1) {
                msg.push_str(&format!("\n  caused by: {cause}"));
            }
            eprintln!("{}", stances::sanitize::text(&msg));
            ExitCode::from(1)
        }
    }
}

/// True when the reader of our output went away (`stances sentences x | head`).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let pipe = Some(std::io::ErrorKind::BrokenPipe);
    e.downcast_ref::<std::io::Error>().map(|io| io.kind()) == pipe
        || e.downcast_ref::<serde_json::Error>()
            .and_then(|j| j.io_error_kind())
            == pipe
}

/// The positions file to use: the one given, else ./positions.toml, which must exist.
fn positions_file(file: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(f) = file {
        return Ok(f);
    }
    let default = PathBuf::from(DEFAULT_FILE);
    if default.exists() {
        return Ok(default);
    }
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_FILE);
    let how = if bundled.exists() {
        format!(
            "open the bundled example with: stances {}",
            bundled.display()
        )
    } else {
        "open the bundled example from the stances repository with: cargo run --release".into()
    };
    anyhow::bail!(
        "no FILE given and no ./{DEFAULT_FILE} in this directory\n  hint: name a positions file (stances path/to/positions.toml), or {how}"
    )
}

fn run_check(file: Option<PathBuf>, strict: bool, format: CheckFormat) -> anyhow::Result<ExitCode> {
    let path = positions_file(file)?;
    let outcome = check::run(&path, strict);
    match format {
        CheckFormat::Text => {
            check::write_text(&mut std::io::stderr().lock(), &path, &outcome, strict)?
        }
        CheckFormat::Json => {
            check::write_json(&mut std::io::stdout().lock(), &outcome.loaded.diagnostics)?
        }
    }
    Ok(ExitCode::from(outcome.status as u8))
}

/// Loads a model, printing its diagnostics and failing when it has errors.
fn load_model(path: &Path) -> anyhow::Result<Model> {
    let loaded = load(path);
    let mut err = std::io::stderr().lock();
    for d in &loaded.diagnostics {
        if d.is_error() {
            writeln!(err, "{}", stances::sanitize::text(&d.to_string()))?;
        }
    }
    match loaded.model {
        Some(m) => Ok(m),
        None => anyhow::bail!(
            "{} has {} error(s); run `stances check {}` for details",
            path.display(),
            loaded.errors(),
            path.display()
        ),
    }
}

fn run_sentences(
    source: &str,
    file: Option<PathBuf>,
    uncited: bool,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let as_path = Path::new(source);
    let have_model = file.is_some() || Path::new(DEFAULT_FILE).exists();
    let listed = if !have_model && as_path.is_file() {
        // A bare text file and no model: nothing can be cited.
        let text = SourceText::load(as_path).map_err(|e| anyhow::anyhow!("{source} {e}"))?;
        stances::sentences::list(&text, None)
    } else {
        let path = positions_file(file)?;
        let model = load_model(&path)?;
        let base = path.parent().unwrap_or(Path::new(""));
        let found = model.sources.iter().position(|s| {
            s.id == source || s.file == source || base.join(&s.path) == as_path || s.path == as_path
        });
        match found {
            Some(i) => stances::sentences::list(&model.sources[i].text, Some((&model, i))),
            None if as_path.is_file() => {
                let text =
                    SourceText::load(as_path).map_err(|e| anyhow::anyhow!("{source} {e}"))?;
                stances::sentences::list(&text, None)
            }
            None => {
                let ids: Vec<&str> = model.sources.iter().map(|s| s.id.as_str()).collect();
                let hint = stances::suggest::did_you_mean(source, ids.iter().copied())
                    .map_or(String::new(), |h| format!("{h}; "));
                anyhow::bail!(
                    "no source `{source}` in {}\n  hint: {hint}known sources: {}",
                    path.display(),
                    ids.join(", ")
                );
            }
        }
    };
    let shown: Vec<_> = listed
        .into_iter()
        .filter(|s| !uncited || s.cited_by.is_empty())
        .collect();
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &shown)?;
        writeln!(out)?;
    } else {
        out.write_all(stances::sentences::to_text(&shown).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_init(dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    let s = stances::init::scaffold(&dir)?;
    eprintln!(
        "wrote {} with {} source(s){}\n  next: add parties, issues and positions, then run: stances check {}",
        s.path.display(),
        s.sources.len(),
        if s.skipped.is_empty() {
            String::new()
        } else {
            format!(", {} file(s) skipped (see the comments)", s.skipped.len())
        },
        s.path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The terminal's width, or 100 when stdout is not a terminal.
fn output_width() -> usize {
    if std::io::stdout().is_terminal() {
        crossterm::terminal::size().map_or(100, |(w, _)| w as usize)
    } else {
        100
    }
}

fn run_export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let path = positions_file(args.file)?;
    let date = match &args.as_of {
        None => None,
        Some(s) => Some(stances::date::Date::parse(s).ok_or_else(|| {
            anyhow::anyhow!("--as-of `{s}` is not a date\n  hint: write it as YYYY-MM-DD, e.g. --as-of 2025-04-23")
        })?),
    };
    let model = load_model(&path)?;
    let view = View::new(&model, date);
    let options = export::Options {
        width: args.width.unwrap_or_else(output_width),
        long: args.long,
    };
    let content = export::render(&view, args.format, &options);
    match &args.output {
        Some(target) => export::write_atomic(target, &content, &model)?,
        None => std::io::stdout().lock().write_all(content.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn run_view(file: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let path = positions_file(file)?;
    let model = load_model(&path)?;
    if !std::io::stdout().is_terminal() {
        // Not a terminal: print the grid as text instead of opening the reader.
        let view = View::new(&model, None);
        let options = export::Options {
            width: 100,
            long: false,
        };
        let text = export::render(&view, export::Format::Text, &options);
        std::io::stdout().lock().write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    stances::tui::run(path, model)?;
    Ok(ExitCode::SUCCESS)
}
