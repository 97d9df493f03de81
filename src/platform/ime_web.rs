//! Korean typed in the browser (issue 30). winit's web backend has no input method: the
//! canvas gets key presses, never a composition, so Hangul could not be typed. While egui
//! has a text field focused, the page (`web/main.js`, `window.haejuIme`) puts the focus on a
//! hidden text box of its own, where the browser's input method composes; the page hands
//! each composition step, and text put in without one, to [`ime_input`], and this feeds
//! them to egui as the desktop's winit IME events are fed (a pre-edit, then a commit). Keys
//! pressed there that are not part of a composition go on to the canvas as before.

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
                js_sys::Array::of4(&r[0].into(), &r[1].into(), &r[2].into(), &r[3].into()).into()
            }
            None => false.into(),
        };
        super::call_page("haejuIme", "editing", arg);
    }
}
