//! Files the user picks from disk, read for the worker.

use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement};

use crate::lessons::DataFile;

/// The files chosen in a file input, read into memory (the input is cleared so the same files
/// can be chosen again). An unreadable file is an error naming it.
pub async fn read_chosen(input: &HtmlInputElement) -> Result<Vec<DataFile>, String> {
    let Some(list) = input.files() else {
        return Ok(Vec::new());
    };
    let files: Vec<File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    input.set_value("");
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let buf = JsFuture::from(f.array_buffer())
            .await
            .map_err(|_| format!("{}: the browser could not read this file", f.name()))?;
        out.push(DataFile {
            name: f.name(),
            bytes: Uint8Array::new(&buf).to_vec(),
        });
    }
    Ok(out)
}
