//! `bcp build` on a chain book (one with `stores/` or a list of stores):
//! every store's plan to `book/stores/<id>/`, and `book/index.html`, the
//! overview for headquarters ([`overview`]).
//!
//! The shared data is read once ([`Chain::load`]); each changed store's data
//! is merged, checked and built on every core, each worker thread with its
//! own [`Sites`] (the theme's templates compiled once, the static files
//! hashed once, the chapters' messages and catalogues read once). The merged
//! plan is handed to the build in memory ([`BookData`]), so the findings on
//! a store's pages name the shared or the store's own files, as `bcp check`
//! does. Everything is built aside and swapped in at the end: a data error
//! in any store leaves `book/` as it was (unless `--keep-going`: the stores
//! that are fine are built, the overview shows the others with their
//! error). PDFs after the sites, through the one browser.
//!
//! A store whose merged data and book sources are those of the last build
//! (a hash kept in `overview.json`) is not built again: after a change to one
//! store's data only that store and the overview are written. Static files
//! are shared by all stores ([`assets`]).

mod assets;
mod compact;
mod overview;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::Context;
use mdbook_bcp::chain::{self, Chain};
use mdbook_bcp::check::Rules;
use mdbook_bcp::diag::Diagnostics;
use mdbook_bcp::scope::Scope;
use mdbook_bcp::{BcpConfig, BookData};

use crate::book::load;
use crate::html::BcpHtml;
use crate::pdf::Printer;
use crate::site::Sites;
use mdbook_html::TemplateCache;
use overview::{ROWS, Row};

/// What a chain build did.
#[derive(Debug, Default)]
pub struct Built {
    /// Stores whose plan was built.
    pub built: usize,
    /// Stores unchanged since the last build (not written).
    pub unchanged: usize,
    /// Stores that could not be built (`--keep-going`), with their errors.
    pub failed: Vec<String>,
}

/// How to build a chain.
#[derive(Debug, Default, Clone, Copy)]
pub struct Options<'a> {
    /// Only this store (and its row of the overview).
    pub only: Option<&'a str>,
    /// Build the stores that are fine when others have errors.
    pub keep_going: bool,
}

/// One store after merging, checking and building: its row and how its
/// build went. (Its merged plan is not kept: a thousand plans would take a
/// gigabyte.)
struct Loaded {
    id: String,
    row: Row,
    built: Result<(), String>,
}

/// Builds the chain at `root` into `dest`.
pub fn build(
    root: &Path,
    overrides: &[(&str, String)],
    dest: &Path,
    options: Options,
    printer: Option<&mut Printer>,
) -> anyhow::Result<Built> {
    let book = load(root, overrides)?;
    let config = BcpConfig::from_book(&book.config)?;
    let title = book.config.book.title.clone().unwrap_or_default();
    let src = root.join(&book.config.book.src);
    drop(book);
    let chain = Chain::load(root, &config.data).map_err(|e| {
        anyhow::anyhow!(
            "チェーンの共通のデータ（または店舗の一覧）に誤りがあります。どの店舗の計画も作れません（book/ は変えていません）:\n{}",
            lines(&e).join("\n")
        )
    })?;
    let ids: Vec<String> = match options.only {
        Some(id) if chain.ids().iter().any(|i| i == id) => vec![id.to_string()],
        Some(id) => anyhow::bail!(
            "店舗「{id}」はありません（{}/ と店舗の一覧にある店舗: {}）",
            chain::STORES,
            chain.ids().join(", ")
        ),
        None => chain.ids().to_vec(),
    };
    // What each plan is made from: the book's sources, the shared data, the
    // store's row and folder. A store whose inputs are those of the last
    // build (and whose plan is there) is neither loaded nor built again.
    let sources = sources_hash(root, &src, &config, overrides, printer.is_some())?;
    let shared = files_hash(&root.join(&config.data));
    let old_rows: Option<Vec<Row>> = std::fs::read(dest.join(ROWS))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let built_before = old_rows.is_some();
    let old_rows = old_rows.unwrap_or_default();
    let hashes = par_map(&ids, |id| {
        let row = chain.listed(id).map_or("", |l| l.file.source.as_str());
        let folder = files_hash(&root.join(chain::store_data(id)));
        let hash = fnv_all(&[
            sources.as_bytes(),
            shared.as_bytes(),
            row.as_bytes(),
            folder.as_bytes(),
        ]);
        format!("{hash:016x}")
    });
    let mut unchanged: Vec<Row> = Vec::new();
    let mut changed: Vec<(String, String)> = Vec::new();
    for (id, hash) in ids.iter().zip(hashes) {
        let old = old_rows
            .iter()
            .find(|r| r.id == *id && r.error.is_none() && r.hash.as_deref() == Some(&hash));
        match old {
            Some(row)
                if dest
                    .join(chain::STORES)
                    .join(id)
                    .join("index.html")
                    .is_file() =>
            {
                unchanged.push(row.clone());
            }
            _ => changed.push((id.clone(), hash)),
        }
    }

    // Stores swapped in one by one beside the others (and the shared files
    // added to), or, when every store is built, the whole book staged and
    // swapped in (no shared file left over from an older build).
    let incremental = options.only.is_some() || (built_before && !unchanged.is_empty());

    let parent = dest.parent().context("出力先のフォルダが不正です")?;
    std::fs::create_dir_all(parent)
        .with_context(|| format!("{} を作れません", parent.display()))?;
    // Built aside, then moved in: the stores one by one (incremental), or the
    // whole book (first build). Nothing under `dest` changes before every
    // store is merged, checked and built.
    let staging = tempfile::Builder::new()
        .prefix(".bcp-chain-")
        .tempdir_in(parent)?;
    let stores_dir = staging.path().join(chain::STORES);
    let live_assets = dest.join(chain::STORES).join(assets::ASSETS);
    let assets = Arc::new(assets::Assets::new(
        stores_dir.join(assets::ASSETS),
        stores_dir.clone(),
        incremental.then(|| live_assets.clone()),
    ));
    // Static files every store's build makes alike go to the shared folder
    // as they are made, never written into each store (PDFs are printed
    // from the store's own folders, with their own copies, before sharing).
    let html = || match printer.is_some() {
        true => BcpHtml::default(),
        false => {
            let assets = assets.clone();
            BcpHtml {
                templates: Arc::new(TemplateCache::with_static_sink(move |path, bytes| {
                    assets.offer(path, bytes)
                })),
            }
        }
    };
    // A server answers a missing page with its root's 404 page, never with
    // a store's: none is made.
    let mut store_overrides = overrides.to_vec();
    store_overrides.push(("output.html.input-404", String::new()));
    let store_overrides = &store_overrides[..];

    // Every changed store merged, checked and, when its data is fine, built,
    // on every core, each thread with its own set-up (templates compiled,
    // static files hashed, chapters' messages and catalogues read). After a
    // data error (without --keep-going) the others are only checked: all
    // errors in one run, and nothing is swapped in.
    let rules = Arc::new(Rules::for_book(root, &config)?);
    let revisions = Arc::new(mdbook_bcp::blocks::revision::for_book(
        &root.join(&config.rules),
    )?);
    let scope = Scope::of_book_dir(&src, &config);
    let stop = AtomicBool::new(false);
    let results = par_map_with(
        &changed,
        || load(root, store_overrides).and_then(|book| Sites::with_html(&book, html())),
        |sites, (id, hash)| {
            let store = match chain.store(id) {
                Ok(store) => store,
                Err(e) => {
                    if !options.keep_going {
                        stop.store(true, Ordering::Relaxed);
                    }
                    return Err((id.clone(), e));
                }
            };
            let report = chain.check(&store, &scope, &rules);
            let mut row = Row::of(&store, &report);
            row.hash = Some(hash.clone());
            if stop.load(Ordering::Relaxed) {
                return Ok(Loaded {
                    id: id.clone(),
                    row,
                    built: Ok(()),
                });
            }
            let out = stores_dir.join(id);
            // The store's merged plan handed to the build as it is: its
            // findings name the shared or the store's own files, never a
            // temporary one.
            let data = BookData {
                plan: store.plan,
                rules: rules.clone(),
                revisions: revisions.clone(),
                places: Some(Arc::new(store.places)),
            };
            let built = (|| -> anyhow::Result<()> {
                let sites = sites.as_mut().map_err(|e| anyhow::anyhow!("{e:#}"))?;
                let book = load(root, store_overrides)?;
                sites
                    .build_with(book, store_overrides, &out, None, Some(Arc::new(data)))
                    .with_context(|| format!("店舗 {id} の計画を作れません"))
            })();
            if built.is_err() && !options.keep_going {
                stop.store(true, Ordering::Relaxed);
            }
            Ok(Loaded {
                id: id.clone(),
                row,
                built: built.map_err(|e| format!("{e:#}")),
            })
        },
    );
    let mut stores = Vec::new();
    let mut failed: Vec<(String, Vec<String>)> = Vec::new();
    for result in results {
        match result {
            Ok(store) => stores.push(store),
            Err((id, e)) => failed.push((id, lines(&e))),
        }
    }
    if !failed.is_empty() && !options.keep_going {
        let mut all: Vec<String> = Vec::new();
        for (id, lines) in &failed {
            for line in lines {
                // A shared file's error is every store's: said once.
                let line = match line.starts_with(chain::STORES) {
                    true => format!("店舗 {id}: {line}"),
                    false => format!("共通のデータ: {line}"),
                };
                if !all.contains(&line) {
                    all.push(line);
                }
            }
        }
        anyhow::bail!(
            "{} 店舗の計画を作れません。データに誤りがあります（book/ は変えていません。作れる店舗だけ作るには --keep-going）:\n{}",
            failed.len(),
            all.join("\n")
        );
    }
    let mut built_ok = Vec::new();
    let mut build_failed: Vec<(String, String)> = Vec::new();
    for store in &stores {
        match &store.built {
            Ok(()) => built_ok.push(store),
            Err(e) => build_failed.push((store.id.clone(), e.clone())),
        }
    }
    if let Some((_, e)) = build_failed.first()
        && !options.keep_going
    {
        anyhow::bail!("{e}（book/ は変えていません）");
    }
    // PDFs after the sites, through the one browser (a tab per core).
    if let Some(printer) = printer {
        let mut dirs = Vec::new();
        for store in &built_ok {
            let out = staging.path().join(chain::STORES).join(&store.id);
            for lang in config.translations() {
                dirs.push(out.join(lang));
            }
            dirs.push(out);
        }
        printer.write_pdfs_all(&dirs)?;
    }
    let shared = par_map(&built_ok, |store| {
        assets.share(&staging.path().join(chain::STORES).join(&store.id))
    });
    for result in shared {
        result?;
    }

    // The overview's rows: every store of the chain (`--store`: the others'
    // rows as they were).
    let mut rows: Vec<Row> = match options.only {
        Some(_) => old_rows.clone(),
        None => Vec::new(),
    };
    let mut put = |row: Row| match rows.iter_mut().find(|r| r.id == row.id) {
        Some(old) => *old = row,
        None => rows.push(row),
    };
    for row in unchanged.iter().cloned() {
        put(row);
    }
    for store in &stores {
        if !build_failed.iter().any(|(id, _)| *id == store.id) {
            put(store.row.clone());
        }
    }
    let mut failures = Vec::new();
    for (id, lines) in &failed {
        put(Row::failed(id, lines.join("\n")));
        failures.push(format!("店舗 {id}: {}", lines.join("\n")));
    }
    for (id, e) in &build_failed {
        put(Row::failed(id, e.clone()));
        failures.push(format!("店舗 {id}: {e}"));
    }
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    let json = serde_json::to_string_pretty(&rows).expect("serializable");
    let page = overview::overview(&title, &rows);

    if incremental {
        std::fs::create_dir_all(dest.join(chain::STORES))?;
        assets.publish(&live_assets)?;
        for store in &built_ok {
            crate::site::swap_in(
                staging.path().join(chain::STORES).join(&store.id),
                &dest.join(chain::STORES).join(&store.id),
            )?;
        }
        if options.only.is_none() {
            remove_gone_stores(dest, &ids)?;
        }
        write_atomically(&dest.join(ROWS), json.as_bytes())?;
        write_atomically(&dest.join("index.html"), page.as_bytes())?;
    } else {
        let out = staging.path();
        std::fs::create_dir_all(out.join(chain::STORES))?;
        std::fs::write(out.join(ROWS), json)?;
        std::fs::write(out.join("index.html"), page)?;
        crate::site::swap_in(staging.keep(), dest)?;
    }
    Ok(Built {
        built: built_ok.len(),
        unchanged: unchanged.len(),
        failed: failures,
    })
}

/// The lines of a data error.
fn lines(e: &Diagnostics) -> Vec<String> {
    e.0.iter().map(|d| d.to_string()).collect()
}

/// Removes the folders of stores no longer in the chain.
fn remove_gone_stores(dest: &Path, ids: &[String]) -> anyhow::Result<()> {
    let dir = dest.join(chain::STORES);
    for entry in std::fs::read_dir(&dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() && chain::is_store_id(&name) && !ids.contains(&name) {
            std::fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

/// Writes `path` whole under another name, then renames it over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = path.with_extension("bcp-tmp");
    std::fs::write(&tmp, bytes).with_context(|| format!("{} に書き込めません", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("{} に書き込めません", path.display()))
}

/// `f` over `items` on every core, the results in the items' order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    par_map_with(items, || (), |(), item| f(item))
}

/// [`par_map`] with a state per thread, made by `init` in the thread.
fn par_map_with<T: Sync, S, R: Send>(
    items: &[T],
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut state = init();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = f(&mut state, item);
                    results.lock().expect("not poisoned")[i] = Some(r);
                }
            });
        }
    });
    results
        .into_inner()
        .expect("not poisoned")
        .into_iter()
        .map(|r| r.expect("every item done"))
        .collect()
}

/// FNV-1a (64 bits): stable from one run and one Rust release to the next.
pub fn fnv(bytes: &[u8]) -> u64 {
    fnv_all(&[bytes])
}

fn fnv_all(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.iter().chain(&[0xff]) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// A hash of the files under `dir` (their paths and bytes; none when it is
/// missing), followed through links.
fn files_hash(dir: &Path) -> String {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let mut parts: Vec<Vec<u8>> = Vec::new();
    for file in &files {
        parts.push(file.to_string_lossy().as_bytes().to_vec());
        parts.push(std::fs::read(file).unwrap_or_default());
    }
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    format!("{:016x}", fnv_all(&refs))
}

/// A hash of everything but a store's data that its plan is built from: the
/// book's files (book.toml, chapters, theme, translations, rules), the config
/// overrides, the date plans are judged on, whether PDFs are made, and this
/// program.
fn sources_hash(
    root: &Path,
    src: &Path,
    config: &BcpConfig,
    overrides: &[(&str, String)],
    pdf: bool,
) -> anyhow::Result<String> {
    let mut parts: Vec<Vec<u8>> = vec![std::fs::read(root.join("book.toml")).unwrap_or_default()];
    for dir in [
        src.to_path_buf(),
        root.join("theme"),
        root.join(&config.po_dir),
        root.join(&config.rules),
    ] {
        // The example's theme is a link to the repository's.
        parts.push(files_hash(&dir).into_bytes());
    }
    for (k, v) in overrides {
        parts.push(format!("{k}={v}").into_bytes());
    }
    parts.push(mdbook_bcp::date::Date::today().to_string().into_bytes());
    parts.push(vec![u8::from(pdf)]);
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{:?} {}", m.modified().ok(), m.len()))
        .unwrap_or_default();
    parts.push(exe.into_bytes());
    parts.push(env!("CARGO_PKG_VERSION").as_bytes().to_vec());
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    Ok(format!("{:016x}", fnv_all(&refs)))
}
