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

/// Offers the class's summary as a file (a download in the browser, the exports folder on
/// desktop). Returns where it went.
pub fn export_summary(markdown: &str) -> Result<String, String> {
    store::export_as("class-summary.md", markdown)
}

/// Takes a save file's text as the current save (checked when it is continued: an
/// unreadable one is kept aside with a message, like any other).
pub fn import_save(text: &str) -> Result<(), String> {
    store::put(text)
}

/// The kept settings (`crate::prefs`): defaults when there are none; defaults and a line for
/// the player when they cannot be read (the next change writes them anew).
pub fn read_prefs() -> (crate::settings::Prefs, Option<String>) {
    match store::get_settings().map(|t| crate::settings::Prefs::parse(&t)) {
        // Nothing kept yet: the game speaks the language of the browser or the desktop.
        None => (
            crate::settings::Prefs {
                lang: crate::settings::lang_of_locale(&locales()),
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
pub fn write_prefs(p: &crate::settings::Prefs) -> Result<(), String> {
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
    app.add_systems(Update, import_dropped)
        .add_plugins(super::screen_reader::plugin);
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

#[cfg(target_arch = "wasm32")]
#[path = "ime_web.rs"]
mod ime;

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
#[path = "store_native.rs"]
mod store;

#[cfg(target_arch = "wasm32")]
#[path = "store_web.rs"]
mod store;

#[cfg(not(target_arch = "wasm32"))]
pub use store::{save_dir, save_path};
