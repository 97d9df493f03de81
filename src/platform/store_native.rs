//! Where the save, the settings and exports live on the desktop: files.

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
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let tmp = path.with_extension("ron.tmp");
    std::fs::write(&tmp, text).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

pub fn export(name: &str, text: &str) -> Result<String, String> {
    let dir = save_dir().join("exports");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
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
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
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
