//! The interactive reader.

use crate::model::Model;
use std::path::PathBuf;

/// Opens the reader on `model`, loaded from `path`.
pub fn run(path: PathBuf, model: Model) -> anyhow::Result<()> {
    let _ = (path, model);
    todo!("reader")
}
