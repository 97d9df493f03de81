//! The window's side of the platform: saves, exports, the page, a file dropped on the
//! window.

use super::SaveFile;
use bevy::prelude::*;

pub fn write(save: &SaveFile) -> Result<(), String> {
    store::put(&save.to_text()?)
}

/// Offers the save as a file: a download in the browser, a file beside the save on
/// desktop. Returns a line for the player saying where it went.
pub fn export_save(save: &SaveFile) -> Result<String, String> {
    store::export("haeju-trader-save.ron", &save.to_text()?)
}

/// Offers the session report as two files, Markdown and JSON (downloads in the browser,
/// files beside the save on desktop). Returns a line saying where they went.
pub fn export_report(
    report: &crate::report::Report,
    tr: &crate::i18n::Tr,
) -> Result<String, String> {
    // A game's report has its own name: exported again (after the check), it replaces the
    // first on desktop; a browser names a second download itself, and the class view keeps
    // the later of the two.
    let stem = report.file_stem();
    let md = store::export_as(&format!("{stem}.md"), &report.to_markdown(tr))?;
    let json = store::export_as(&format!("{stem}.json"), &report.to_json()?)?;
    Ok(format!("{md} {json}"))
}

/// Takes a save file's text as the current save (checked when it is continued: an
/// unreadable one is kept aside with a message, like any other).
pub fn import_save(text: &str) -> Result<(), String> {
    store::put(text)
}

/// The kept settings (`crate::prefs`): defaults when there are none; defaults and a line for
/// the player when they cannot be read (the next change writes them anew).
pub fn read_prefs() -> (crate::prefs::Prefs, Option<String>) {
    match store::get_settings().map(|t| crate::prefs::Prefs::parse(&t)) {
        // Nothing kept yet: the game speaks the language of the browser or the desktop.
        None => (
            crate::prefs::Prefs {
                lang: crate::prefs::lang_of_locale(&locales()),
                ..Default::default()
            },
            None,
        ),
        Some(Ok(p)) => (p, None),
        Some(Err(problem)) => (
            Default::default(),
            Some(format!(
                "Your settings could not be used: {problem}. The game starts with its defaults \
                 ({}).",
                store::settings_place()
            )),
        ),
    }
}

/// The languages the player's system asks for, most wanted first: the browser's
/// `navigator.languages`, or the desktop's `LC_ALL`, `LC_MESSAGES` and `LANG`.
fn locales() -> Vec<String> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .map(|w| {
                w.navigator()
                    .languages()
                    .iter()
                    .filter_map(|v| v.as_string())
                    .collect()
            })
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .filter(|v| !v.is_empty())
            .collect()
    }
}

/// Keeps the settings for the next game.
pub fn write_prefs(p: &crate::prefs::Prefs) -> Result<(), String> {
    store::put_settings(&p.to_text())
}

/// Whether there is a save to continue (it looks; it does not read the save).
pub fn has_save() -> bool {
    store::exists()
}

/// Reads the save. A save that cannot be read or is from another version is kept aside
/// (never overwritten, never deleted) and the message says where it went.
pub fn read() -> Result<Option<SaveFile>, String> {
    let Some(text) = store::get() else {
        return Ok(None);
    };
    let problem = match SaveFile::parse(&text) {
        Ok(save) => return Ok(Some(save)),
        Err(problem) => problem,
    };
    let aside = store::set_aside();
    Err(format!(
        "The saved game could not be continued: {problem}. It was kept as {aside}."
    ))
}

/// Asks for a save file to import: the browser's file chooser; on desktop the player drops
/// the file on the window (see `import_dropped`).
pub fn request_import() -> Result<(), String> {
    #[cfg(target_arch = "wasm32")]
    return store::request_import();
    #[cfg(not(target_arch = "wasm32"))]
    Err("Drop a save file (.ron) on this window to import it.".into())
}

/// Report files on their way to the class view (chosen in the page's file chooser, dropped
/// on the window while the class view shows, or named on the command line): name and text;
/// and whether the class view is on screen (a file dropped then is a report, not a save).
#[derive(Resource, Default, Debug)]
pub struct ClassFiles {
    pub arrived: Vec<(String, String)>,
    pub open: bool,
}

impl ClassFiles {
    pub fn push(&mut self, name: String, text: String) {
        self.arrived.push((name, text));
    }

    /// Reads files for the class view; one that cannot be read arrives empty (and is
    /// skipped by name).
    pub fn push_paths(&mut self, paths: &[std::path::PathBuf]) {
        for p in paths {
            let name = p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            self.push(name, std::fs::read_to_string(p).unwrap_or_default());
        }
    }
}

/// The class view's [O]: the browser's file chooser (many files at once); on desktop the
/// reports and saves in the exports folder. Returns a line for the player when there is
/// something to say.
pub fn request_class_files(files: &mut ClassFiles) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = files;
        store::click("reports").err()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let dir = store::save_dir().join("exports");
        let mut list: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "ron"))
                    .collect()
            })
            .unwrap_or_default();
        list.sort();
        if list.is_empty() {
            return Some(dir.display().to_string());
        }
        files.push_paths(&list);
        None
    }
}

/// The printable handouts: in the browser the bundle's `handouts/` page in a new tab; on
/// desktop a line saying where they are.
pub fn open_handouts() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let opened = web_sys::window()
            .and_then(|w| {
                w.open_with_url_and_target("handouts/index.html", "_blank")
                    .ok()
            })
            .flatten()
            .is_some();
        if opened {
            return "handouts/index.html".into();
        }
    }
    "docs/handouts/ (student-en.html, facilitator-en.html, and in Korean -ko.html): open one in a browser and print it".into()
}

/// The page hands over the files chosen for the class view, one call a file (kept here
/// until the next frame moves them into [`ClassFiles`]).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn class_file(name: String, text: String) {
    page_access::FILES.with_borrow_mut(|f| f.push((name, text)));
    wake();
}

/// The files the page handed over since the last frame join [`ClassFiles`].
#[cfg(target_arch = "wasm32")]
fn page_files(mut files: ResMut<ClassFiles>) {
    let came = page_access::FILES.with_borrow_mut(std::mem::take);
    if !came.is_empty() {
        files.arrived.extend(came);
    }
}

/// What the page shows of the game (`data-*` on <body>): which screen, that the game is
/// ready, the message line, and where the game is (day, accepted actions, a fact card
/// open, the ending, the seed), so that a browser test or the loading bar can follow it.
/// Written to the page only when a value changes.
#[derive(Resource, Default, Clone, PartialEq, Debug)]
pub struct Page {
    pub screen: String,
    pub ready: bool,
    pub message: String,
    pub day: String,
    pub actions: String,
    pub card: bool,
    pub ending: String,
    pub seed: String,
    /// The language the game speaks ("en" or "ko"): also the page's `<html lang>`, so that
    /// a screen reader reads it in the right voice.
    pub lang: String,
    /// In that language: the page's title (and its screen-reader region's name), and the
    /// name of the region where news is read out.
    pub title: String,
    pub news: String,
}

/// Calls `window[object][method](arg)` if the page has it (the page's sound, its copy of the
/// screen for a screen reader); a page without it is left alone.
#[cfg(target_arch = "wasm32")]
pub fn call_page(object: &str, method: &str, arg: wasm_bindgen::JsValue) {
    use wasm_bindgen::JsCast;
    let Some(w) = web_sys::window() else { return };
    let Ok(o) = js_sys::Reflect::get(&w, &object.into()) else {
        return;
    };
    if let Ok(f) = js_sys::Reflect::get(&o, &method.into())
        && let Ok(f) = f.dyn_into::<js_sys::Function>()
    {
        let _ = f.call1(&o, &arg);
    }
}

/// What the browser page's screen-reader copy asked of a widget since last taken: (node,
/// action) pairs (a desktop screen reader's come as AccessKit messages instead).
pub fn take_access_requests(into: &mut Vec<(u64, bevy_egui::egui::accesskit::Action)>) {
    #[cfg(target_arch = "wasm32")]
    page_access::ASKED.with_borrow_mut(|a| into.append(a));
    #[cfg(not(target_arch = "wasm32"))]
    let _ = into;
}

/// Tells the browser page's screen-reader copy `method` ("tree": the screen's items as
/// JSON; "say": a line to announce). Nothing on the desktop.
pub fn page_access(method: &str, text: &str) {
    #[cfg(target_arch = "wasm32")]
    call_page("haejuAccess", method, text.into());
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (method, text);
}

/// Wakes the game's reactive loop (the page handed it something).
#[cfg(target_arch = "wasm32")]
pub fn wake() {
    page_access::PROXY.with_borrow(|p| {
        if let Some(p) = p {
            let _ = p.send_event(bevy::winit::WinitUserEvent::WakeUp);
        }
    });
}

/// The page's presses for the screen reader's copy, and the loop it wakes.
#[cfg(target_arch = "wasm32")]
mod page_access {
    use bevy::prelude::*;
    use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};
    use bevy_egui::egui::accesskit::Action;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;

    thread_local! {
        pub(super) static ASKED: RefCell<Vec<(u64, Action)>> = const { RefCell::new(Vec::new()) };
        pub(super) static PROXY: RefCell<Option<bevy::winit::EventLoopProxy<WinitUserEvent>>> =
            const { RefCell::new(None) };
        pub(super) static FILES: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
    }

    /// The page presses (`click`), focuses (`focus`), or steps a slider or a number
    /// (`increment`, `decrement`) the widget `node`; the game wakes to do it.
    #[wasm_bindgen]
    pub fn access_request(node: &str, action: &str) -> bool {
        let Ok(node) = node.parse::<u64>() else {
            return false;
        };
        let action = match action {
            "click" => Action::Click,
            "focus" => Action::Focus,
            "increment" => Action::Increment,
            "decrement" => Action::Decrement,
            _ => return false,
        };
        ASKED.with_borrow_mut(|a| a.push((node, action)));
        super::wake();
        true
    }

    pub fn keep_proxy(proxy: Option<Res<EventLoopProxyWrapper>>) {
        if let Some(p) = proxy {
            PROXY.with_borrow_mut(|k| *k = Some((**p).clone()));
        }
    }
}

/// A save file dropped on the window was imported (or not): a line for the player.
#[derive(Message, Clone, Debug)]
pub struct Imported(pub String);

pub fn plugin(app: &mut App) {
    app.init_resource::<Page>()
        .init_resource::<ClassFiles>()
        .add_message::<Imported>()
        .add_systems(PostUpdate, write_page.run_if(resource_changed::<Page>));
    #[cfg(target_arch = "wasm32")]
    app.add_systems(Startup, page_access::keep_proxy)
        .add_systems(PreUpdate, page_files)
        .add_systems(Last, count_frame)
        .add_systems(
            PreUpdate,
            ime::feed
                .after(bevy_egui::EguiPreUpdateSet::ProcessInput)
                .before(bevy_egui::EguiPreUpdateSet::BeginPass),
        )
        .add_systems(
            PostUpdate,
            ime::follow.after(bevy_egui::EguiPostUpdateSet::ProcessOutput),
        );
    #[cfg(not(target_arch = "wasm32"))]
    app.add_systems(Update, import_dropped);
}

fn write_page(page: Res<Page>) {
    #[cfg(target_arch = "wasm32")]
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let set = |k: &str, v: &str| {
            if body.get_attribute(k).as_deref() != Some(v) {
                let _ = body.set_attribute(k, v);
            }
        };
        set("data-screen", &page.screen);
        if page.ready {
            set("data-ready", "1");
        }
        set("data-message", &page.message);
        set("data-day", &page.day);
        set("data-actions", &page.actions);
        set("data-card", if page.card { "1" } else { "" });
        set("data-ending", &page.ending);
        set("data-seed", &page.seed);
        if let Some(doc) = web_sys::window().and_then(|w| w.document())
            && let Some(html) = doc.document_element()
            && !page.lang.is_empty()
            && html.get_attribute("lang").as_deref() != Some(page.lang.as_str())
        {
            let _ = html.set_attribute("lang", &page.lang);
            doc.set_title(&page.title);
            for (id, name) in [("access", &page.title), ("access-said", &page.news)] {
                if let Some(e) = doc.get_element_by_id(id) {
                    let _ = e.set_attribute("aria-label", name);
                }
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = page;
}

/// The page's `?frames` asks for a frame after frame (as an animation would): what
/// `web/bench.mjs` measures the street map with. Without it frames come only when
/// something asks for one.
pub fn page_asks_for_frames() -> bool {
    page_asks_for("frames")
}

/// Whether the page's address asks for `word` (`?frames`, `?probe`); never on the desktop.
pub fn page_asks_for(word: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.trim_start_matches('?').split('&').any(|p| p == word));
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = word;
        false
    }
}

/// Korean typed in the browser (issue 30). winit's web backend has no input method: the
/// canvas gets key presses, never a composition, so Hangul could not be typed. While egui
/// has a text field focused, the page (`web/main.js`, `window.haejuIme`) puts the focus on a
/// hidden text box of its own, where the browser's input method composes; the page hands
/// each composition step, and text put in without one, to [`ime_input`], and this feeds
/// them to egui as the desktop's winit IME events are fed (a pre-edit, then a commit). Keys
/// pressed there that are not part of a composition go on to the canvas as before.
#[cfg(target_arch = "wasm32")]
mod ime {
    use bevy::prelude::*;
    use bevy_egui::{EguiInput, EguiOutput, PrimaryEguiContext, egui};
    use std::cell::RefCell;

    thread_local! {
        static TYPED: RefCell<Vec<egui::Event>> = const { RefCell::new(Vec::new()) };
    }

    /// What the page's text box did: `preedit` (a composition going on, its text so far),
    /// `commit` (the composition's result), `text` (text put in without a composition).
    #[wasm_bindgen::prelude::wasm_bindgen]
    pub fn ime_input(kind: String, text: String) -> bool {
        let event = match kind.as_str() {
            "preedit" => egui::Event::Ime(egui::ImeEvent::Preedit {
                active_range_chars: None,
                text,
            }),
            "commit" => egui::Event::Ime(egui::ImeEvent::Commit(text)),
            "text" if !text.is_empty() => egui::Event::Text(text),
            _ => return false,
        };
        TYPED.with_borrow_mut(|t| t.push(event));
        super::wake();
        true
    }

    pub fn feed(mut input: Query<&mut EguiInput, With<PrimaryEguiContext>>) {
        let Ok(mut input) = input.single_mut() else {
            return;
        };
        TYPED.with_borrow_mut(|t| {
            if !t.is_empty() {
                input.events.append(t);
            }
        });
    }

    /// Tells the page when a text field gains or loses the focus (egui asks for an input
    /// method exactly then), and where its cursor is in the page's pixels (the input
    /// method's window opens there): `false`, or `[x, y, width, height]`.
    pub fn follow(
        mut output: Query<(&EguiOutput, &mut bevy_egui::EguiContext), With<PrimaryEguiContext>>,
        mut was: Local<Option<[i32; 4]>>,
    ) {
        let Ok((out, mut ctx)) = output.single_mut() else {
            return;
        };
        let now = out.platform_output.ime.map(|ime| {
            let r = ime.cursor_rect * ctx.get_mut().zoom_factor();
            [r.min.x, r.min.y, r.width(), r.height()].map(|v| v.round() as i32)
        });
        if now != *was {
            *was = now;
            let arg = match now {
                Some(r) => {
                    js_sys::Array::of4(&r[0].into(), &r[1].into(), &r[2].into(), &r[3].into())
                        .into()
                }
                None => false.into(),
            };
            super::call_page("haejuIme", "editing", arg);
        }
    }
}

/// Counts the game's frames in `window.haejuFrames`, for `web/bench.mjs` (frames a second,
/// and how soon a key press gets a frame). One property write a frame.
#[cfg(target_arch = "wasm32")]
fn count_frame(mut n: Local<f64>) {
    *n += 1.0;
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"haejuFrames".into(), &(*n).into());
    }
}

/// Desktop: a save file dropped on the window becomes the save.
#[cfg(not(target_arch = "wasm32"))]
fn import_dropped(
    mut drops: MessageReader<bevy::window::FileDragAndDrop>,
    mut out: MessageWriter<Imported>,
    mut files: ResMut<ClassFiles>,
) {
    for d in drops.read() {
        if let bevy::window::FileDragAndDrop::DroppedFile { path_buf, .. } = d {
            if files.open {
                files.push_paths(std::slice::from_ref(path_buf));
                continue;
            }
            out.write(Imported(
                match std::fs::read_to_string(path_buf)
                    .map_err(|e| e.to_string())
                    .and_then(|t| import_save(&t))
                {
                    Ok(()) => format!("Imported {}: choose Continue.", path_buf.display()),
                    Err(e) => format!("Could not import {}: {e}", path_buf.display()),
                },
            ));
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod store {
    use std::path::PathBuf;

    pub fn save_dir() -> PathBuf {
        if let Some(d) = std::env::var_os("HAEJU_SAVE_DIR") {
            return PathBuf::from(d);
        }
        let base = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .unwrap_or_else(|| PathBuf::from("."));
        base.join("haeju-trader")
    }

    pub fn save_path() -> PathBuf {
        save_dir().join("save.ron")
    }

    pub fn get() -> Option<String> {
        std::fs::read_to_string(save_path()).ok()
    }

    fn settings_path() -> PathBuf {
        save_dir().join("settings.ron")
    }

    pub fn settings_place() -> String {
        settings_path().display().to_string()
    }

    pub fn get_settings() -> Option<String> {
        std::fs::read_to_string(settings_path()).ok()
    }

    pub fn put_settings(text: &str) -> Result<(), String> {
        write_whole(&settings_path(), text)
    }

    pub fn exists() -> bool {
        save_path().is_file()
    }

    pub fn put(text: &str) -> Result<(), String> {
        write_whole(&save_path(), text)
    }

    /// Writes beside, then renames: a crash mid-write never leaves half a file.
    fn write_whole(path: &std::path::Path, text: &str) -> Result<(), String> {
        let dir = save_dir();
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let tmp = path.with_extension("ron.tmp");
        std::fs::write(&tmp, text).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
        std::fs::rename(&tmp, path).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    pub fn export(name: &str, text: &str) -> Result<String, String> {
        let dir = save_dir().join("exports");
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "txt"));
        let path = (1..)
            .map(|n| dir.join(format!("{stem}-{n}.{ext}")))
            .find(|p| !p.exists())
            .unwrap_or_else(|| dir.join(name));
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(path.display().to_string())
    }

    /// Writes `name` in the exports folder, replacing a file of that name.
    pub fn export_as(name: &str, text: &str) -> Result<String, String> {
        let dir = save_dir().join("exports");
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(path.display().to_string())
    }

    /// Renames the save to the first free `save.ron.unreadable-N`; returns where it went.
    pub fn set_aside() -> String {
        let path = save_path();
        for n in 1.. {
            let p = path.with_extension(format!("ron.unreadable-{n}"));
            if !p.exists() {
                return match std::fs::rename(&path, &p) {
                    Ok(()) => p.display().to_string(),
                    Err(_) => path.display().to_string(),
                };
            }
        }
        path.display().to_string()
    }
}

#[cfg(target_arch = "wasm32")]
mod store {
    //! localStorage, under the game's own keys only.
    const KEY: &str = "haeju-trader.save";

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    pub fn get() -> Option<String> {
        get_key(KEY)
    }

    const SETTINGS: &str = "haeju-trader.settings";

    pub fn settings_place() -> String {
        format!("localStorage[\"{SETTINGS}\"]")
    }

    pub fn get_settings() -> Option<String> {
        get_key(SETTINGS)
    }

    pub fn put_settings(text: &str) -> Result<(), String> {
        put_key(SETTINGS, text, "the browser's storage is full or blocked")
    }

    fn get_key(key: &str) -> Option<String> {
        storage()?.get_item(key).ok()?
    }

    /// Stores `text` under `key`; `full` says what failed when the browser refuses it.
    fn put_key(key: &str, text: &str, full: &str) -> Result<(), String> {
        let s =
            storage().ok_or("this browser does not let the game store anything (private mode?)")?;
        s.set_item(key, text).map_err(|_| full.to_string())
    }

    /// Looks for the key without reading the save.
    pub fn exists() -> bool {
        let Some(s) = storage() else { return false };
        let n = s.length().unwrap_or(0);
        (0..n).any(|i| s.key(i).ok().flatten().as_deref() == Some(KEY))
    }

    pub fn put(text: &str) -> Result<(), String> {
        put_key(
            KEY,
            text,
            "the browser's storage is full or blocked: the game could not be saved",
        )
    }

    /// A download of `text` as a file named `name`.
    pub fn export(name: &str, text: &str) -> Result<String, String> {
        use wasm_bindgen::JsCast;
        let fail = |_| "the browser refused the download".to_string();
        let doc = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(match name.rsplit_once('.').map(|(_, e)| e) {
            Some("json") => "application/json",
            Some("md") => "text/markdown",
            _ => "text/plain",
        });
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(fail)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
        let a: web_sys::HtmlAnchorElement = doc
            .create_element("a")
            .map_err(fail)?
            .dyn_into()
            .map_err(|_| "no anchor element")?;
        a.set_href(&url);
        a.set_download(name);
        a.click();
        let _ = web_sys::Url::revoke_object_url(&url);
        Ok(name.to_string())
    }

    /// A download always: the browser names a second one itself.
    pub fn export_as(name: &str, text: &str) -> Result<String, String> {
        export(name, text)
    }

    /// Opens the page's file chooser; the page stores the chosen file as the save.
    pub fn request_import() -> Result<(), String> {
        click("import")
    }

    /// Clicks the page's file chooser `id`.
    pub fn click(id: &str) -> Result<(), String> {
        use wasm_bindgen::JsCast;
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .ok_or("the page has no file chooser")?;
        el.dyn_into::<web_sys::HtmlElement>()
            .map_err(|_| "not an element")?
            .click();
        Ok(())
    }

    pub fn set_aside() -> String {
        let Some(s) = storage() else {
            return KEY.into();
        };
        let text = s.get_item(KEY).ok().flatten().unwrap_or_default();
        for n in 1.. {
            let key = format!("{KEY}.unreadable-{n}");
            if s.get_item(&key).ok().flatten().is_none() {
                if s.set_item(&key, &text).is_ok() {
                    let _ = s.remove_item(KEY);
                }
                return format!("localStorage[\"{key}\"]");
            }
        }
        KEY.into()
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use store::{save_dir, save_path};
