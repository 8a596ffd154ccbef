//! Writes a synthetic model for benchmarks into a directory:
//!
//! ```text
//! cargo run --release --example gen_model -- [--parties 50] [--issues 200] [--per-cell 3]
//!     [--history 1] [--sources 500] [--source-kb 20] [--broken 10]
//!     [--shape changed|added|dropped|wrong-source|mixed] OUT_DIR
//! ```
//!
//! `--per-cell` is citations per position, `--history` dated positions per cell,
//! `--broken` the percentage of quotes broken, `--shape` how: their middle word
//! changed (the default), a word added or dropped there, cited from the wrong source
//! (word for word as another source has it), or the four in turn. Writes
//! `OUT_DIR/positions.toml`, `OUT_DIR/seeds/s*.txt` and `OUT_DIR/quotes.txt` (one
//! quote per line, for `grep -F -f`). The defaults are the model of issue 11.

use stances::testing::synth;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut spec = synth::Spec::default();
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let field = match a.as_str() {
            "--help" | "-h" => {
                println!(
                    "usage: gen_model [--parties 50] [--issues 200] [--per-cell 3] [--history 1]\n\
                     \x20                [--sources 500] [--source-kb 20] [--broken PERCENT]\n\
                     \x20                [--shape changed|added|dropped|wrong-source|mixed] OUT_DIR\n\n\
                     Writes a synthetic model: OUT_DIR/positions.toml, OUT_DIR/seeds/s*.txt and\n\
                     OUT_DIR/quotes.txt (the quotes, for grep -F -f). --per-cell is citations per\n\
                     position, --history dated positions per cell, --broken the percentage of\n\
                     quotes broken, --shape how: the middle word changed (the default), a word\n\
                     added or dropped there, the quote cited from the wrong source (the next one;\n\
                     it needs two sources), or the four in turn (mixed). The defaults are the\n\
                     model of issue 11."
                );
                return ExitCode::SUCCESS;
            }
            "--parties" => &mut spec.parties,
            "--issues" => &mut spec.issues,
            "--per-cell" => &mut spec.per_cell,
            "--history" => &mut spec.history,
            "--sources" => &mut spec.sources,
            "--source-kb" => &mut spec.source_kb,
            "--broken" => &mut spec.broken_percent,
            "--shape" => {
                let name = args.next().unwrap_or_default();
                match synth::Shape::from_name(&name) {
                    Some(shape) => spec.shape = shape,
                    None => {
                        eprintln!(
                            "gen_model: --shape takes changed, added, dropped, wrong-source or mixed, not `{name}`"
                        );
                        return ExitCode::from(2);
                    }
                }
                continue;
            }
            _ if a.starts_with("--") => {
                eprintln!("gen_model: unknown option {a}");
                return ExitCode::from(2);
            }
            _ => {
                out = Some(PathBuf::from(a));
                continue;
            }
        };
        match args.next().and_then(|v| v.parse().ok()) {
            Some(v) => *field = v,
            None => {
                eprintln!("gen_model: {a} needs a number");
                return ExitCode::from(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!(
            "usage: gen_model [--parties N] [--issues N] [--per-cell N] [--history N] [--sources N] [--source-kb N] [--broken PERCENT] [--shape SHAPE] OUT_DIR"
        );
        return ExitCode::from(2);
    };
    if spec.sources == 0 || spec.source_kb == 0 {
        eprintln!("gen_model: --sources and --source-kb must be at least 1");
        return ExitCode::from(2);
    }
    let wrong_source = matches!(spec.shape, synth::Shape::WrongSource | synth::Shape::Mixed);
    if wrong_source && spec.broken_percent > 0 && spec.sources < 2 {
        eprintln!(
            "gen_model: --shape {} needs --sources 2 or more",
            spec.shape.name()
        );
        return ExitCode::from(2);
    }
    match synth::write(&out, &spec) {
        Ok(w) => {
            println!(
                "{}: {} positions, {} citations ({} broken), positions.toml {:.1} MB, sources {:.1} MB",
                out.display(),
                w.positions,
                w.citations,
                w.broken,
                w.toml_bytes as f64 / 1e6,
                w.source_bytes as f64 / 1e6
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_model: {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
