//! Opening positions.toml in the user's editor at the right line.

use std::path::Path;
use std::process::Command;

/// The editor to run: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn from_env() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".into())
}

/// How an editor takes a line number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `+LINE FILE`: vi, vim, nvim, nano, emacs, micro, helix, kak, ...
    PlusLine,
    /// `--goto FILE:LINE`: VS Code and its kin.
    Goto,
    /// `FILE:LINE`: Sublime Text, Zed.
    Colon,
    /// Unknown: the file only.
    FileOnly,
}

/// The family of an editor program, by its file name.
pub fn family(program: &str) -> Family {
    let name = Path::new(program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(program);
    let name = name.strip_suffix(".exe").unwrap_or(name);
    match name {
        "vi" | "vim" | "nvim" | "gvim" | "mvim" | "view" | "nano" | "pico" | "emacs"
        | "emacsclient" | "micro" | "hx" | "helix" | "kak" | "ne" | "joe" | "mg" | "jed"
        | "vis" | "ed" | "gedit" => Family::PlusLine,
        "code" | "code-insiders" | "codium" | "vscodium" | "cursor" | "windsurf" => Family::Goto,
        "subl" | "sublime_text" | "zed" => Family::Colon,
        _ => Family::FileOnly,
    }
}

/// The program and arguments that open `file` at `line` with `editor` (which may
/// carry its own arguments, like `code --wait`).
pub fn command_line(editor: &str, file: &Path, line: usize) -> Option<(String, Vec<String>)> {
    let mut words = editor.split_whitespace().map(str::to_string);
    let program = words.next()?;
    let mut args: Vec<String> = words.collect();
    let file = file.display().to_string();
    match family(&program) {
        Family::PlusLine => args.extend([format!("+{line}"), file]),
        Family::Goto => args.extend(["--goto".to_string(), format!("{file}:{line}")]),
        Family::Colon => args.push(format!("{file}:{line}")),
        Family::FileOnly => args.push(file),
    }
    Some((program, args))
}

/// Runs the editor and waits; an error says what went wrong, for the status bar.
pub fn run(editor: &str, file: &Path, line: usize) -> Result<(), String> {
    let (program, args) =
        command_line(editor, file, line).ok_or("no editor set: set $VISUAL or $EDITOR")?;
    match Command::new(&program).args(&args).status() {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("editor `{editor}` exited with {s}")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(format!(
            "editor `{program}` not found: set $VISUAL or $EDITOR"
        )),
        Err(e) => Err(format!("cannot run editor `{program}`: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_family_gets_the_line_its_way() {
        let f = Path::new("/m/positions.toml");
        let cl = |e: &str| command_line(e, f, 42).unwrap();
        for e in [
            "vi",
            "vim",
            "nvim",
            "nano",
            "emacs",
            "micro",
            "hx",
            "helix",
            "kak",
            "/usr/bin/vim",
        ] {
            assert_eq!(cl(e).1, ["+42", "/m/positions.toml"], "{e}");
        }
        assert_eq!(
            cl("code --wait"),
            (
                "code".into(),
                vec![
                    "--wait".into(),
                    "--goto".into(),
                    "/m/positions.toml:42".into()
                ]
            )
        );
        assert_eq!(cl("subl -w").1, ["-w", "/m/positions.toml:42"]);
        assert_eq!(cl("myeditor").1, ["/m/positions.toml"]);
        assert_eq!(command_line("  ", f, 1), None);
    }
}
