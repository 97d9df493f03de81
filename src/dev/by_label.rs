//! A run that plays by name (`tour --out DIR --by-label SCRIPT`): each line of the script
//! names something a screen reader would find, `ROLE: NAME` (the name need only contain
//! NAME): a button, checkbox or radio is pressed, anything else is waited for. A line
//! starting with `*` is pressed whenever it shows (a fact card's "Got it"). `#` starts a
//! comment. Two lines type instead, as the window's system would: `ime: TEXT` composes TEXT
//! through the input method (winit's pre-edit, syllable by syllable, then its commit), and
//! `key: Enter` (or `Escape`, or a letter, or `Ctrl+` a letter) presses that key.
//! DIR/screen-reader.txt gets each screen as a reader has it, each press, and what was
//! announced; a name not found within 600 frames ends the run with an error.

use crate::access::*;
use bevy::prelude::*;
use bevy_egui::egui;
use egui::accesskit::Action;
use std::path::PathBuf;

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub role: String,
    pub name: String,
}

/// The script's steps and its whenever-lines.
pub fn parse(script: &str) -> Result<(Vec<Step>, Vec<Step>), String> {
    let (mut steps, mut always) = (Vec::new(), Vec::new());
    for (n, line) in script.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (whenever, line) = match line.strip_prefix('*') {
            Some(rest) => (true, rest.trim()),
            None => (false, line),
        };
        let Some((role, name)) = line.split_once(':') else {
            return Err(format!("line {}: expected ROLE: NAME, got {line:?}", n + 1));
        };
        let step = Step {
            role: role.trim().to_string(),
            name: name.trim().to_string(),
        };
        if whenever {
            always.push(step)
        } else {
            steps.push(step)
        }
    }
    if steps.is_empty() {
        return Err("the script names nothing to find".into());
    }
    Ok((steps, always))
}

#[derive(Resource)]
struct Drive {
    out: PathBuf,
    steps: Vec<Step>,
    always: Vec<Step>,
    at: usize,
    /// Frames to let a press take effect before looking again.
    settle: u32,
    waited: u32,
    heard: String,
    last_screen: Vec<String>,
    ended: bool,
}

/// Sets the app to play `script`, writing to `dir`.
pub fn install(app: &mut App, dir: &std::path::Path, script: &str) -> Result<(), String> {
    let (steps, always) = parse(script)?;
    app.insert_resource(Mirror(true))
        .insert_resource(Drive {
            out: dir.join("screen-reader.txt"),
            steps,
            always,
            at: 0,
            settle: 10,
            waited: 0,
            heard: String::new(),
            last_screen: Vec::new(),
            ended: false,
        })
        .add_systems(Last, play);
    Ok(())
}

/// Types `text` as an input method sends it: the composition so far after each keystroke
/// of a syllable is not drawn here; one pre-edit a syllable, then the commit.
fn type_ime(ime: &mut MessageWriter<bevy::window::Ime>, window: Entity, text: &str) {
    ime.write(bevy::window::Ime::Enabled { window });
    let mut so_far = String::new();
    for c in text.chars() {
        so_far.push(c);
        let n = so_far.chars().count();
        ime.write(bevy::window::Ime::Preedit {
            window,
            value: so_far.clone(),
            cursor: Some((n, n)),
        });
    }
    ime.write(bevy::window::Ime::Commit {
        window,
        value: text.to_string(),
    });
}

/// Presses and releases the key `name` ("Escape", a letter, "Ctrl+A"; anything else is
/// Enter). "Ctrl+": the Control key held round the key, all within one frame (as a quick
/// hand or a slow frame delivers it).
fn send_key(
    keys: &mut MessageWriter<bevy::input::keyboard::KeyboardInput>,
    window: Entity,
    name: &str,
) {
    use bevy::input::{ButtonState, keyboard::Key, keyboard::KeyCode};
    const LETTERS: [KeyCode; 26] = [
        KeyCode::KeyA,
        KeyCode::KeyB,
        KeyCode::KeyC,
        KeyCode::KeyD,
        KeyCode::KeyE,
        KeyCode::KeyF,
        KeyCode::KeyG,
        KeyCode::KeyH,
        KeyCode::KeyI,
        KeyCode::KeyJ,
        KeyCode::KeyK,
        KeyCode::KeyL,
        KeyCode::KeyM,
        KeyCode::KeyN,
        KeyCode::KeyO,
        KeyCode::KeyP,
        KeyCode::KeyQ,
        KeyCode::KeyR,
        KeyCode::KeyS,
        KeyCode::KeyT,
        KeyCode::KeyU,
        KeyCode::KeyV,
        KeyCode::KeyW,
        KeyCode::KeyX,
        KeyCode::KeyY,
        KeyCode::KeyZ,
    ];
    let (ctrl, name) = match name.strip_prefix("Ctrl+") {
        Some(rest) => (true, rest),
        None => (false, name),
    };
    let mut chars = name.chars();
    let (key_code, logical_key) = match (name, chars.next(), chars.next()) {
        ("Escape", ..) => (KeyCode::Escape, Key::Escape),
        (_, Some(c), None) if c.is_ascii_alphabetic() => (
            LETTERS[(c.to_ascii_uppercase() as u8 - b'A') as usize],
            Key::Character(c.to_ascii_lowercase().to_string().into()),
        ),
        _ => (KeyCode::Enter, Key::Enter),
    };
    let input = |key_code, logical_key, state| bevy::input::keyboard::KeyboardInput {
        key_code,
        logical_key,
        state,
        text: None,
        repeat: false,
        window,
    };
    if ctrl {
        keys.write(input(
            KeyCode::ControlLeft,
            Key::Control,
            ButtonState::Pressed,
        ));
    }
    for state in [ButtonState::Pressed, ButtonState::Released] {
        keys.write(input(key_code, logical_key.clone(), state));
    }
    if ctrl {
        keys.write(input(
            KeyCode::ControlLeft,
            Key::Control,
            ButtonState::Released,
        ));
    }
}

#[allow(clippy::too_many_arguments)]
fn play(
    mut d: ResMut<Drive>,
    shown: Res<Shown>,
    mut said: ResMut<Said>,
    mut asked: ResMut<Asked>,
    mut exit: MessageWriter<AppExit>,
    mut ime: MessageWriter<bevy::window::Ime>,
    mut keys: MessageWriter<bevy::input::keyboard::KeyboardInput>,
    window: Query<Entity, With<bevy::window::PrimaryWindow>>,
) {
    if d.ended {
        return;
    }
    for t in said.queue.drain(..) {
        d.heard += &format!("   (announced) {t}\n");
    }
    if d.settle > 0 {
        d.settle -= 1;
        return;
    }
    let screen: Vec<String> = shown.items.iter().map(Item::line).collect();
    if screen != d.last_screen && !screen.is_empty() {
        d.heard += "--- the screen:\n";
        for l in &screen {
            d.heard += &format!("   {l}\n");
        }
        d.last_screen = screen;
    }
    let found = |s: &Step| {
        shown
            .items
            .iter()
            .find(|i| i.role == s.role && i.name.contains(&s.name))
            .cloned()
    };
    if let Some(item) = d
        .always
        .iter()
        .find_map(|s| found(s).filter(Item::pressable))
    {
        press(&mut d, &mut asked, &item);
        return;
    }
    let Some(step) = d.steps.get(d.at).cloned() else {
        d.heard += "--- done\n";
        finish(&mut d, &mut exit, true);
        return;
    };
    if let ("ime" | "key", Ok(window)) = (step.role.as_str(), window.single()) {
        if step.role == "ime" {
            type_ime(&mut ime, window, &step.name);
            d.heard += &format!("-> typed through the input method: {}\n", step.name);
        } else {
            send_key(&mut keys, window, &step.name);
            d.heard += &format!("-> key {}\n", step.name);
        }
        d.at += 1;
        d.settle = 6;
        d.waited = 0;
        return;
    }
    match found(&step) {
        Some(item) if item.pressable() => {
            press(&mut d, &mut asked, &item);
            d.at += 1;
        }
        Some(item) if !matches!(item.role, "button" | "checkbox" | "radio") => {
            d.heard += &format!("-> found {}\n", item.line());
            d.at += 1;
            d.waited = 0;
        }
        _ => {
            d.waited += 1;
            if d.waited > 600 {
                d.heard += &format!("!! not found: {}: {}\n", step.role, step.name);
                finish(&mut d, &mut exit, false);
            }
        }
    }
}

fn press(d: &mut Drive, asked: &mut Asked, item: &Item) {
    d.heard += &format!("-> press {}\n", item.line());
    if let Ok(id) = item.id.parse() {
        asked.0.push((id, Action::Click));
    }
    d.settle = 6;
    d.waited = 0;
}

fn finish(d: &mut Drive, exit: &mut MessageWriter<AppExit>, ok: bool) {
    d.ended = true;
    if let Err(e) = std::fs::write(&d.out, &d.heard) {
        eprintln!("haeju-trader: cannot write {}: {e}", d.out.display());
    }
    if !ok {
        eprintln!(
            "haeju-trader: the run by name stopped; see {}",
            d.out.display()
        );
    }
    let _ = exit;
    super::end_run(ok);
}
