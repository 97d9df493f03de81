//! Where the save, the settings and exports live in the browser: localStorage and downloads.

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
    let s = storage().ok_or("this browser does not let the game store anything (private mode?)")?;
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
