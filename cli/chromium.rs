//! Finding Chromium: the one lookup for `bcp build --pdf` and for the tests
//! that drive a browser (they include this file with `#[path]`, so it uses
//! nothing but `std`).

use std::path::PathBuf;

/// The names Chromium goes by on PATH, tried in this order.
pub const CHROMIUM_NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// Chromium from `BCP_CHROMIUM` (when set and not empty: that file or
/// nothing), else the first of [`CHROMIUM_NAMES`] on PATH.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("BCP_CHROMIUM").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| CHROMIUM_NAMES.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}
