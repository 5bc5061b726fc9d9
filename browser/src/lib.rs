//! A small driver for the system's headless Chromium: the DevTools protocol
//! (CDP) over a WebSocket, synchronous, one page; more pages (tabs) only to
//! print many documents at once ([`Browser::print_all`]). Used by
//! `bcp build --pdf` (every document of a build printed in one session), the
//! browser tests and the search benchmark.
//!
//! ```no_run
//! let chromium = bcp_browser::find_chromium(None).expect("Chromium");
//! let mut browser = bcp_browser::Browser::launch(&chromium)?;
//! browser.navigate(&bcp_browser::file_url(std::path::Path::new("/tmp/print.html")))?;
//! let title = browser.evaluate("document.title")?;
//! let pdf: Vec<u8> = browser.print_to_pdf(&bcp_browser::PdfOptions::default())?;
//! # Ok::<(), anyhow::Error>(())
//! ```
//!
//! Chromium's own output (D-Bus and GPU chatter) goes to a log file in the
//! temporary profile; [`Browser::chatter`] returns it for error messages.

use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use serde_json::{Value, json};
use tungstenite::protocol::WebSocketConfig;
use tungstenite::{Message, WebSocket};

/// The names Chromium goes by on PATH, tried in this order.
pub const CHROMIUM_NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// The environment variable naming the Chromium to use.
pub const CHROMIUM_ENV: &str = "BCP_CHROMIUM";

/// Chromium from `flag` (that file or nothing), else from `BCP_CHROMIUM` (when
/// set and not empty: that file or nothing), else the first of
/// [`CHROMIUM_NAMES`] on PATH.
pub fn find_chromium(flag: Option<&Path>) -> Option<PathBuf> {
    let explicit = flag.map(Path::to_path_buf).or_else(|| {
        std::env::var_os(CHROMIUM_ENV)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
    });
    if let Some(path) = explicit {
        return path.is_file().then_some(path);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| CHROMIUM_NAMES.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// `file://` URL of a path (made absolute), percent-encoding what a URL cannot hold.
pub fn file_url(path: &Path) -> String {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let path = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from(if path.starts_with('/') {
        "file://"
    } else {
        "file:///"
    });
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// Decodes `%XX` escapes (as UTF-8; invalid sequences are kept lossily).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// How `Page.printToPDF` prints. The default is what `bcp build --pdf` wants:
/// page size and margins from the document's `@page` rules, backgrounds,
/// no header or footer from Chromium, a document outline from the headings.
#[derive(Clone, Debug)]
pub struct PdfOptions {
    pub prefer_css_page_size: bool,
    pub print_background: bool,
    pub display_header_footer: bool,
    pub generate_document_outline: bool,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            prefer_css_page_size: true,
            print_background: true,
            display_header_footer: false,
            generate_document_outline: true,
        }
    }
}

impl PdfOptions {
    /// The parameters of `Page.printToPDF`.
    fn params(&self) -> Value {
        json!({
            "preferCSSPageSize": self.prefer_css_page_size,
            "printBackground": self.print_background,
            "displayHeaderFooter": self.display_header_footer,
            "generateDocumentOutline": self.generate_document_outline,
        })
    }
}

/// One headless Chromium with one page; closed (and its profile removed) on drop.
pub struct Browser {
    child: Child,
    ws: WebSocket<TcpStream>,
    session: String,
    /// The sessions of further tabs ([`Browser::print_all`]).
    tabs: Vec<String>,
    /// Scripts every page runs before its own ([`Browser::add_page_script`]).
    page_scripts: Vec<String>,
    next_id: u64,
    /// Replies that came while waiting for another one, by id.
    replies: HashMap<u64, Value>,
    events: VecDeque<Value>,
    errors: Vec<String>,
    log: PathBuf,
    timeout: Duration,
    // Last: removed after Chromium has exited.
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts `chromium` headless with a fresh profile and opens a blank page.
    pub fn launch(chromium: &Path) -> anyhow::Result<Browser> {
        let profile = tempfile::Builder::new()
            .prefix("bcp-chromium-")
            .tempdir()
            .context("Chromium 用の一時フォルダを作れません")?;
        let log = profile.path().join("chromium.log");
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--mute-audio",
                "--no-first-run",
                "--no-default-browser-check",
                "--allow-file-access-from-files",
                // A headless page is never visible: keep its timers and rendering at full speed.
                "--disable-background-timer-throttling",
                "--disable-backgrounding-occluded-windows",
                "--disable-renderer-backgrounding",
                "--disable-hang-monitor",
                "--disable-features=Translate,MediaRouter,OptimizationHints",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            // To a file, not a pipe: a pipe nobody reads can fill up and stall Chromium.
            .stderr(File::create(&log).context("Chromium のログを作れません")?)
            .spawn()
            .with_context(|| format!("{} を起動できません", chromium.display()))?;
        let endpoint = match wait_for_endpoint(&mut child, profile.path()) {
            Ok(endpoint) => endpoint,
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                let chatter = std::fs::read_to_string(&log).unwrap_or_default();
                return Err(e.context(format!(
                    "{} を起動できません:\n{}",
                    chromium.display(),
                    chatter.trim()
                )));
            }
        };
        let (ws, child) = match connect(&endpoint) {
            Ok(ws) => (ws, child),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(e);
            }
        };
        let mut browser = Browser {
            child,
            ws,
            session: String::new(),
            tabs: Vec::new(),
            page_scripts: Vec::new(),
            next_id: 0,
            replies: HashMap::new(),
            events: VecDeque::new(),
            errors: Vec::new(),
            log,
            timeout: Duration::from_secs(60),
            _profile: profile,
        };
        browser.session = browser.open_page()?;
        Ok(browser)
    }

    /// How long one command (or a page load) may take; 60 s unless set.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    /// What Chromium printed on stderr so far (for error messages).
    pub fn chatter(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// JavaScript errors the page reported (uncaught exceptions, `console.error`).
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// Sends a command to the page and returns its result.
    pub fn call(&mut self, method: &str, params: Value) -> anyhow::Result<Value> {
        let session = self.session.clone();
        self.send(method, params, Some(&session))
    }

    /// Sends a command to the browser (no page session).
    fn call_browser(&mut self, method: &str, params: Value) -> anyhow::Result<Value> {
        self.send(method, params, None)
    }

    fn send(
        &mut self,
        method: &str,
        params: Value,
        session: Option<&str>,
    ) -> anyhow::Result<Value> {
        let id = self.send_only(method, params, session)?;
        self.reply(id, method)
    }

    /// Sends a command without waiting for its reply ([`Browser::reply`]).
    fn send_only(
        &mut self,
        method: &str,
        params: Value,
        session: Option<&str>,
    ) -> anyhow::Result<u64> {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            msg["sessionId"] = json!(session);
        }
        self.ws
            .send(Message::text(msg.to_string()))
            .with_context(|| format!("{method}: Chromium に送れません"))?;
        Ok(id)
    }

    /// The result of command `id` (`method`), waiting for it.
    fn reply(&mut self, id: u64, method: &str) -> anyhow::Result<Value> {
        let deadline = Instant::now() + self.timeout;
        let reply = loop {
            if let Some(reply) = self.replies.remove(&id) {
                break reply;
            }
            let msg = self.read(deadline, method)?;
            if msg["id"].as_u64() == Some(id) {
                break msg;
            }
            self.note(msg);
        };
        if let Some(error) = reply.get("error") {
            bail!("{method}: {}", error["message"].as_str().unwrap_or("error"));
        }
        Ok(reply.get("result").cloned().unwrap_or(Value::Null))
    }

    fn read(&mut self, deadline: Instant, waiting_for: &str) -> anyhow::Result<Value> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                bail!(
                    "{waiting_for}: Chromium から {} 秒応答がありません",
                    self.timeout.as_secs()
                );
            }
            self.ws.get_ref().set_read_timeout(Some(left))?;
            match self.ws.read() {
                Ok(Message::Text(text)) => return Ok(serde_json::from_str(&text)?),
                Ok(Message::Binary(bytes)) => return Ok(serde_json::from_slice(&bytes)?),
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => {
                    return Err(
                        anyhow!(e).context(format!("{waiting_for}: Chromium との接続が切れました"))
                    );
                }
            }
        }
    }

    /// Keeps a message that is not the one being waited for: a reply for
    /// [`Browser::reply`], an event for [`Browser::wait_event`].
    fn note(&mut self, msg: Value) {
        match msg["id"].as_u64() {
            Some(id) => {
                self.replies.insert(id, msg);
            }
            None => self.note_event(msg),
        }
    }

    fn note_event(&mut self, event: Value) {
        let params = &event["params"];
        match event["method"].as_str() {
            Some("Runtime.exceptionThrown") => {
                let details = &params["exceptionDetails"];
                let text = details["exception"]["description"]
                    .as_str()
                    .or(details["text"].as_str())
                    .unwrap_or("exception");
                self.errors.push(text.to_string());
            }
            Some("Runtime.consoleAPICalled") if params["type"] == "error" => {
                let args = params["args"]
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let text: Vec<String> = args
                    .iter()
                    .map(|a| match a.get("value") {
                        Some(Value::String(s)) => s.clone(),
                        Some(v) => v.to_string(),
                        None => a["description"].as_str().unwrap_or_default().to_string(),
                    })
                    .collect();
                self.errors.push(text.join(" "));
            }
            _ => {}
        }
        if event.get("method").is_some() {
            self.events.push_back(event);
            // Keep the recent ones only: a long session sees many events.
            if self.events.len() > 1000 {
                self.events.pop_front();
            }
        }
    }

    /// Forgets the events received so far named `method`.
    pub fn forget_events(&mut self, method: &str) {
        self.events.retain(|e| e["method"] != method);
    }

    /// Waits for the next event `method` (one already received counts).
    pub fn wait_event(&mut self, method: &str, timeout: Duration) -> anyhow::Result<Value> {
        if let Some(i) = self.events.iter().position(|e| e["method"] == method) {
            return Ok(self.events.remove(i).unwrap_or_default());
        }
        let deadline = Instant::now() + timeout;
        loop {
            let msg = self.read(deadline, method)?;
            if msg["method"] == method {
                return Ok(msg);
            }
            self.note(msg);
        }
    }

    /// Loads `url` and waits for its load event.
    pub fn navigate(&mut self, url: &str) -> anyhow::Result<()> {
        let page = self.session.clone();
        self.start_loading(&page, url)?;
        self.wait_loaded(&page)
    }

    /// Opens another page (a tab of the same browser) and returns its id
    /// (its session), with the page scripts ([`Browser::add_page_script`]).
    fn open_page(&mut self) -> anyhow::Result<String> {
        let target = self.call_browser("Target.createTarget", json!({"url": "about:blank"}))?;
        let target = target["targetId"].as_str().context("no targetId")?;
        let attached = self.call_browser(
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        )?;
        let page = attached["sessionId"]
            .as_str()
            .context("no sessionId")?
            .to_string();
        self.send("Page.enable", json!({}), Some(&page))?;
        self.send("Runtime.enable", json!({}), Some(&page))?;
        for source in self.page_scripts.clone() {
            self.add_script_to(&page, &source)?;
        }
        Ok(page)
    }

    /// Runs `source` in every page, the first and those opened later, before
    /// the page's own scripts.
    pub fn add_page_script(&mut self, source: &str) -> anyhow::Result<()> {
        let first = self.session.clone();
        self.add_script_to(&first, source)?;
        self.page_scripts.push(source.to_string());
        Ok(())
    }

    fn add_script_to(&mut self, page: &str, source: &str) -> anyhow::Result<()> {
        self.send(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": source}),
            Some(page),
        )?;
        Ok(())
    }

    /// Starts loading `url` in `page` (the first page's id is its session).
    fn start_loading(&mut self, page: &str, url: &str) -> anyhow::Result<()> {
        self.events.retain(|e| {
            e["method"] != "Page.loadEventFired" || e["sessionId"].as_str() != Some(page)
        });
        let result = self.send("Page.navigate", json!({"url": url}), Some(page))?;
        if let Some(error) = result["errorText"].as_str() {
            bail!("{url}: {error}");
        }
        Ok(())
    }

    /// Waits until `page` has loaded what [`Browser::start_loading`] started.
    fn wait_loaded(&mut self, page: &str) -> anyhow::Result<()> {
        let method = "Page.loadEventFired";
        let is_it = |e: &Value| e["method"] == method && e["sessionId"].as_str() == Some(page);
        if let Some(i) = self.events.iter().position(is_it) {
            self.events.remove(i);
            return Ok(());
        }
        let deadline = Instant::now() + self.timeout;
        loop {
            let msg = self.read(deadline, method)?;
            if is_it(&msg) {
                return Ok(());
            }
            self.note(msg);
        }
    }

    pub fn evaluate(&mut self, expression: &str) -> anyhow::Result<Value> {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "awaitPromise": true, "returnByValue": true}),
        )?;
        if let Some(details) = result.get("exceptionDetails") {
            bail!(
                "{}",
                details["exception"]["description"]
                    .as_str()
                    .or(details["text"].as_str())
                    .unwrap_or("exception")
            );
        }
        Ok(result["result"]
            .get("value")
            .cloned()
            .unwrap_or(Value::Null))
    }

    /// Sets the page's viewport (CSS pixels, device scale 1, not mobile).
    pub fn set_viewport(&mut self, width: u32, height: u32) -> anyhow::Result<()> {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        )?;
        Ok(())
    }

    /// Presses and releases one key (e.g. `s`, `/`, `ArrowDown`, `Enter`, `Escape`).
    pub fn key(&mut self, key: &str, code: &str) -> anyhow::Result<()> {
        let keycode = match key {
            "Enter" => 13,
            "Escape" => 27,
            "ArrowUp" => 38,
            "ArrowDown" => 40,
            "/" => 191,
            k if k.len() == 1 => k.to_ascii_uppercase().as_bytes()[0],
            _ => 0,
        };
        let mut down = json!({"type": "rawKeyDown", "key": key, "code": code,
            "windowsVirtualKeyCode": keycode});
        if key.chars().count() == 1 {
            down["type"] = json!("keyDown");
            down["text"] = json!(key);
        }
        self.call("Input.dispatchKeyEvent", down)?;
        self.call(
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": keycode}),
        )?;
        Ok(())
    }

    /// Types `text` as an input method commits it (fires `input`).
    pub fn insert_text(&mut self, text: &str) -> anyhow::Result<()> {
        self.call("Input.insertText", json!({"text": text}))?;
        Ok(())
    }

    /// Prints the pages `urls` to PDF in `tabs` tabs of this browser at once
    /// (each tab's renderer on its own core), each once its fonts are ready;
    /// the results in the order of `urls`. A page that fails does not stop
    /// the others.
    pub fn print_all(
        &mut self,
        urls: &[String],
        tabs: usize,
        options: &PdfOptions,
    ) -> Vec<anyhow::Result<Vec<u8>>> {
        let mut results: Vec<Option<anyhow::Result<Vec<u8>>>> = urls.iter().map(|_| None).collect();
        if let Err(e) = self.print_all_into(urls, tabs.max(1), options, &mut results) {
            let message = format!("{e:#}");
            for r in results.iter_mut().filter(|r| r.is_none()) {
                *r = Some(Err(anyhow!("{message}")));
            }
        }
        results
            .into_iter()
            .map(|r| r.unwrap_or_else(|| Err(anyhow!("Page.printToPDF: not printed"))))
            .collect()
    }

    fn print_all_into(
        &mut self,
        urls: &[String],
        tabs: usize,
        options: &PdfOptions,
        results: &mut [Option<anyhow::Result<Vec<u8>>>],
    ) -> anyhow::Result<()> {
        // The tabs: this page and as many more as wanted (kept for later calls).
        while self.tabs.len() + 1 < tabs.min(urls.len()) {
            let page = self.open_page()?;
            self.tabs.push(page);
        }
        let sessions: Vec<String> = std::iter::once(self.session.clone())
            .chain(self.tabs.iter().cloned())
            .take(tabs.min(urls.len()).max(1))
            .collect();
        /// Where one tab is with its page.
        enum Step {
            Idle,
            /// Waiting for the reply to `Page.navigate` (id), and the load.
            Navigating {
                job: usize,
                id: u64,
                loaded: bool,
            },
            Loading {
                job: usize,
            },
            /// Waiting for the fonts (id), then for the PDF (id).
            Fonts {
                job: usize,
                id: u64,
            },
            Printing {
                job: usize,
                id: u64,
            },
        }
        let mut steps: Vec<Step> = sessions.iter().map(|_| Step::Idle).collect();
        let mut next = 0;
        let print_params = options.params();
        loop {
            // Idle tabs take the next page.
            for (tab, step) in steps.iter_mut().enumerate() {
                if matches!(step, Step::Idle) && next < urls.len() {
                    let id = self.send_only(
                        "Page.navigate",
                        json!({"url": urls[next]}),
                        Some(&sessions[tab]),
                    )?;
                    *step = Step::Navigating {
                        job: next,
                        id,
                        loaded: false,
                    };
                    next += 1;
                }
            }
            if steps.iter().all(|s| matches!(s, Step::Idle)) {
                return Ok(());
            }
            let msg = self.read(Instant::now() + self.timeout, "Page.printToPDF")?;
            let tab = msg["sessionId"]
                .as_str()
                .and_then(|s| sessions.iter().position(|t| t == s));
            let Some(tab) = tab else {
                self.note_event(msg);
                continue;
            };
            let reply_id = msg["id"].as_u64();
            let error = msg
                .get("error")
                .map(|e| anyhow!("{}", e["message"].as_str().unwrap_or("error")));
            let step = std::mem::replace(&mut steps[tab], Step::Idle);
            let fonts = |this: &mut Browser, job: usize| -> anyhow::Result<Step> {
                let id = this.send_only(
                    "Runtime.evaluate",
                    json!({"expression": "document.fonts.ready.then(() => true)",
                           "awaitPromise": true, "returnByValue": true}),
                    Some(&sessions[tab]),
                )?;
                Ok(Step::Fonts { job, id })
            };
            steps[tab] = match step {
                Step::Navigating { job, id, loaded } if reply_id == Some(id) => {
                    match (error, msg["result"]["errorText"].as_str()) {
                        (Some(e), _) => {
                            results[job] = Some(Err(e.context(urls[job].clone())));
                            Step::Idle
                        }
                        (None, Some(text)) => {
                            results[job] = Some(Err(anyhow!("{}: {text}", urls[job])));
                            Step::Idle
                        }
                        (None, None) if loaded => fonts(self, job)?,
                        (None, None) => Step::Loading { job },
                    }
                }
                Step::Navigating { job, id, .. } if msg["method"] == "Page.loadEventFired" => {
                    Step::Navigating {
                        job,
                        id,
                        loaded: true,
                    }
                }
                Step::Loading { job } if msg["method"] == "Page.loadEventFired" => {
                    fonts(self, job)?
                }
                Step::Fonts { job, id } if reply_id == Some(id) => match error {
                    Some(e) => {
                        results[job] = Some(Err(e));
                        Step::Idle
                    }
                    None => {
                        let id = self.send_only(
                            "Page.printToPDF",
                            print_params.clone(),
                            Some(&sessions[tab]),
                        )?;
                        Step::Printing { job, id }
                    }
                },
                Step::Printing { job, id } if reply_id == Some(id) => {
                    results[job] = Some(match error {
                        Some(e) => Err(e),
                        None => pdf_of(&msg["result"]),
                    });
                    Step::Idle
                }
                other => {
                    self.note_event(msg);
                    other
                }
            };
        }
    }

    /// Prints the loaded page to PDF once its fonts are ready.
    pub fn print_to_pdf(&mut self, options: &PdfOptions) -> anyhow::Result<Vec<u8>> {
        self.evaluate("document.fonts.ready.then(() => true)")?;
        let result = self.call("Page.printToPDF", options.params())?;
        pdf_of(&result)
    }
}

/// The PDF of a `Page.printToPDF` result.
fn pdf_of(result: &Value) -> anyhow::Result<Vec<u8>> {
    let data = result["data"]
        .as_str()
        .context("Page.printToPDF: no data")?;
    let pdf = data_encoding::BASE64.decode(data.as_bytes())?;
    if pdf.is_empty() {
        bail!("Page.printToPDF: empty PDF");
    }
    Ok(pdf)
}

impl Drop for Browser {
    /// Stops Chromium at once: a graceful `Browser.close` writes the
    /// throw-away profile to disk first (a third of a second, more on a busy
    /// machine). Its other processes follow the browser process out within
    /// moments; the profile is removed once none writes there any more.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let profile = self._profile.path();
        let deadline = Instant::now() + Duration::from_secs(5);
        while std::fs::remove_dir_all(profile).is_err()
            && profile.exists()
            && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// The browser's WebSocket address, from the `DevToolsActivePort` file
/// Chromium writes into its profile once it listens.
fn wait_for_endpoint(child: &mut Child, profile: &Path) -> anyhow::Result<String> {
    let file = profile.join("DevToolsActivePort");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(text) = std::fs::read_to_string(&file) {
            let mut lines = text.lines();
            if let (Some(port), Some(path)) = (lines.next(), lines.next())
                && !path.is_empty()
            {
                return Ok(format!("127.0.0.1:{}{path}", port.trim()));
            }
        }
        if let Some(status) = child.try_wait()? {
            bail!("Chromium が終了しました（{status}）");
        }
        if Instant::now() > deadline {
            bail!("Chromium が 60 秒たっても DevTools を開きません");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn connect(endpoint: &str) -> anyhow::Result<WebSocket<TcpStream>> {
    let (host, path) = endpoint.split_at(endpoint.find('/').unwrap_or(endpoint.len()));
    let stream = TcpStream::connect(host).with_context(|| format!("{host} に接続できません"))?;
    stream.set_nodelay(true)?;
    let config = WebSocketConfig::default()
        .max_message_size(None)
        .max_frame_size(None);
    let (ws, _) =
        tungstenite::client::client_with_config(format!("ws://{host}{path}"), stream, Some(config))
            .map_err(|e| anyhow!("DevTools に接続できません: {e}"))?;
    Ok(ws)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/本 1/print.html")),
            "file:///tmp/%E6%9C%AC%201/print.html"
        );
        assert_eq!(percent_decode("/tmp/%E6%9C%AC%201/"), "/tmp/本 1/");
    }
}
