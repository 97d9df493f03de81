//! A key drawn as a key: the small dark cap with its letter at the front of every button a
//! key presses ("[1] Buy" read as a bracket and a digit in a line of text; issue 35's
//! reviewers called the play screens "an app" of such buttons). A screen reader still hears
//! "[1] Buy": the button is named so.

use bevy_egui::egui::{self, Atom, Color32, Id, WidgetText};

/// Where the cap goes in a button's row (one per button: its rect is looked up by this id).
fn cap_id() -> Id {
    Id::new("haeju-keycap")
}

/// The cap's face and its darker lip under it, and its letter.
const CAP: Color32 = Color32::from_rgb(62, 54, 46);
const LIP: Color32 = Color32::from_rgb(28, 24, 20);
const LETTER: Color32 = Color32::from_rgb(244, 238, 224);

/// The letter's colour and the cap's (a test reads their contrast).
pub fn colours() -> (Color32, Color32) {
    (LETTER, CAP)
}

/// A cap for `key` in a row of text `size` points high: the button's atom and what to paint
/// in it once laid out.
pub struct Cap {
    galley: std::sync::Arc<egui::Galley>,
    size: egui::Vec2,
}

impl Cap {
    pub fn new(p: &egui::Painter, key: &str, size: f32) -> Cap {
        let galley = p.layout_no_wrap(
            key.to_string(),
            egui::FontId::proportional((size * 0.84).round()),
            LETTER,
        );
        let h = (size + 3.0).round();
        let w = (galley.size().x + size * 0.6).max(h).round();
        Cap {
            galley,
            size: egui::vec2(w, h),
        }
    }

    /// Its width (a button's is this, a gap and its words).
    pub fn width(&self) -> f32 {
        self.size.x
    }

    /// Its height.
    pub fn height(&self) -> f32 {
        self.size.y
    }

    /// The room it takes in the button's row.
    pub fn atom(&self) -> Atom<'static> {
        Atom::custom(cap_id(), self.size)
    }

    /// Paints it where the button laid it out (a disabled ui's painter fades it with the
    /// button; on the high-contrast theme it stays whole, black and white at 7:1 and more,
    /// the button's own look saying it cannot be pressed).
    pub fn paint(self, ui: &egui::Ui, laid: &egui::AtomLayoutResponse) {
        let Some(r) = laid.rect(cap_id()) else { return };
        if super::high_contrast(ui.ctx()) {
            let p = ui
                .ctx()
                .layer_painter(ui.layer_id())
                .with_clip_rect(ui.clip_rect());
            self.paint_in(&p, r);
        } else {
            self.paint_in(ui.painter(), r);
        }
    }

    /// Paints it in `r` (its own size): before a map's name, or a button's words.
    pub fn paint_in(self, p: &egui::Painter, r: egui::Rect) {
        let lip = (self.size.y * 0.12).round().max(2.0);
        let round = egui::CornerRadius::same(3);
        p.rect_filled(r, round, LIP);
        let face = egui::Rect::from_min_max(r.min, egui::pos2(r.max.x, r.max.y - lip));
        p.rect_filled(face, round, CAP);
        let at = face.center() - self.galley.size() * 0.5;
        p.galley_with_override_text_color(at, self.galley, LETTER);
    }
}

/// A button with `key`'s cap before `text` (`selected`: a choice that stays lit, as the
/// money to pay in; `size`: its letters' when not the button's own), `tweak` setting the
/// rest (a width, wrapping, a sum at its end). Named "[key] text" for a screen reader unless
/// the caller names it more fully after.
pub fn button<'a>(
    ui: &mut egui::Ui,
    key: &str,
    text: impl Into<WidgetText>,
    size: Option<f32>,
    selected: Option<bool>,
    tweak: impl FnOnce(egui::Button<'a>) -> egui::Button<'a>,
) -> egui::Response {
    let size = size.unwrap_or_else(|| egui::TextStyle::Button.resolve(ui.style()).size);
    button_with(ui, key, text, size, selected, None, tweak)
}

/// A drawn thing beside a button's words (what the answer does, seen), painted in its rect.
pub type Icon<'i> = &'i dyn Fn(&egui::Painter, egui::Rect);

/// [`button`], with `icon` drawn between the key's cap and the words, a square and a half
/// of the letters' height.
pub fn button_with<'a>(
    ui: &mut egui::Ui,
    key: &str,
    text: impl Into<WidgetText>,
    size: f32,
    selected: Option<bool>,
    icon: Option<Icon>,
    tweak: impl FnOnce(egui::Button<'a>) -> egui::Button<'a>,
) -> egui::Response {
    let text: WidgetText = text.into();
    let cap = Cap::new(ui.painter(), key, size);
    let name = format!("[{key}] {}", text.text());
    let icon_id = Id::new("haeju-button-icon");
    let side = (size * 1.5).round();
    let atoms = match icon {
        // The cap first, then the drawing, then the words.
        Some(_) => egui::Atoms::new((
            cap.atom(),
            Atom::custom(icon_id, egui::vec2(side * 1.2, side)),
            text,
        )),
        None => egui::Atoms::new((cap.atom(), text)),
    };
    let b = match selected {
        Some(on) => egui::Button::selectable(on, atoms),
        None => egui::Button::new(atoms),
    };
    let laid = tweak(b).atom_ui(ui);
    if let (Some(icon), Some(r)) = (icon, laid.rect(icon_id)) {
        icon(ui.painter(), r);
    }
    cap.paint(ui, &laid);
    let typ = if selected.is_some() {
        egui::WidgetType::SelectableLabel
    } else {
        egui::WidgetType::Button
    };
    let r = laid.response;
    if let Some(on) = selected {
        let enabled = r.enabled();
        r.widget_info(|| egui::WidgetInfo::selected(typ, enabled, on, &name));
    } else {
        crate::access::name(&r, typ, &name);
    }
    r
}
