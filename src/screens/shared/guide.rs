//! The first morning's guide: a note on each screen where it first matters.

use super::*;

/// The first-morning guide's notes, each shown where it first matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    Morning,
    Street,
    Place,
    Inspection,
    Evening,
}

impl Hint {
    pub const ALL: [Hint; 5] = [
        Hint::Morning,
        Hint::Street,
        Hint::Place,
        Hint::Inspection,
        Hint::Evening,
    ];

    pub(in crate::screens) fn bit(self) -> u8 {
        1 << self as u8
    }

    /// Laid on the screen's picture (the trade's, drawn across the page).
    pub(in crate::screens) fn on_picture(self) -> bool {
        matches!(self, Hint::Place)
    }

    /// After the body on a narrow page (a picture across the page, the choices under it: on
    /// top at twice the text size the note filled the first screen). The stop's note is on
    /// top where the page is wide (issue 35: laid on the picture it covered the scene, and
    /// the two stood squeezed to its left).
    fn after_when_narrow(self) -> bool {
        matches!(self, Hint::Place | Hint::Inspection)
    }

    /// Laid by the screen itself where its scene is the page (on the evening's notebook, the
    /// morning's note): on top of the page it would lie over the scene's people.
    fn in_scene(self) -> bool {
        matches!(self, Hint::Morning | Hint::Evening)
    }

    fn key(self) -> &'static str {
        match self {
            Hint::Morning => "guide.morning",
            Hint::Street => "guide.street",
            Hint::Place => "guide.place",
            Hint::Inspection => "guide.inspection",
            Hint::Evening => "guide.evening",
        }
    }

    /// The guide card's heading: the moment it is about (the first morning's card is
    /// about the phone).
    fn heading(self) -> &'static str {
        match self {
            Hint::Morning => "guide.heading.phone",
            Hint::Street => "guide.heading.street",
            Hint::Place => "guide.heading.place",
            Hint::Inspection => "guide.heading.inspection",
            Hint::Evening => "guide.heading.evening",
        }
    }
}

/// Whether a guide note is due: in the first level, guide on, not read yet.
/// Only on the first day of the guided level: a note not closed then does not come back on
/// a later day (after a reload, whose settings have forgotten what was read).
pub fn hint_due(settings: &Settings, level_id: &str, day: u16, hint: Hint) -> bool {
    settings.setup.guide
        && level_id == GUIDED_LEVEL
        && day == 0
        && settings.setup.guide_seen & hint.bit() == 0
}

/// The least width of a page on which the guide's note is laid on its picture.
pub const NOTE_PAGE: f32 = 640.0;

/// The level whose first day teaches the game.
pub const GUIDED_LEVEL: &str = "spring-2024";

impl Shared<'_, '_> {
    /// The guide's note for this screen, if due (see [`View::guide`]); its choice is sent.
    pub fn guide(&mut self, ui: &mut egui::Ui, hint: Hint) {
        if let Some(d) = self.view().guide(ui, hint) {
            self.send(d);
        }
    }
}

impl Shared<'_, '_> {
    /// A page's body with the guide's note for `hint`, if due (see [`NotePlace`]); the note's
    /// choice is sent.
    pub fn guided<R>(
        &mut self,
        ui: &mut egui::Ui,
        hint: Option<Hint>,
        body: impl FnOnce(&mut Self, &mut egui::Ui) -> R,
    ) -> R {
        let place = NotePlace::before(&self.view(), ui, hint);
        let said = self.view().note_before(ui, place);
        let out = body(self, ui);
        let said = said.or(self.view().note_after(ui, place));
        if let Some(d) = said {
            self.send(d);
        }
        out
    }
}

/// Where the guide's note for a page goes: laid on the body's picture at its top right where
/// the page is wide enough (issue 35: on top of the page it took the picture's room; the
/// picture is made as tall as the note); after the body on a narrow page (on top, at twice
/// the text size beside the phone, it filled the first screen: the scene and every choice
/// were below it); other screens' notes at the top of the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NotePlace {
    None,
    Top(Hint),
    OnPicture(Hint),
    After(Hint),
}

impl NotePlace {
    /// Where this frame's note goes (and, laid on the picture, the picture told so).
    pub fn before(view: &View, ui: &egui::Ui, hint: Option<Hint>) -> NotePlace {
        let wide = ui.available_width() >= NOTE_PAGE;
        let place = match hint.filter(|&h| view.guide_due(h)) {
            None => NotePlace::None,
            Some(h) if h.in_scene() && ui::stage::page(ui).is_some() => NotePlace::None,
            Some(h) if h.on_picture() && wide => NotePlace::OnPicture(h),
            Some(h) if h.after_when_narrow() && !wide => NotePlace::After(h),
            Some(h) => NotePlace::Top(h),
        };
        let laid = match place {
            NotePlace::OnPicture(h) => Some(h.key()),
            _ => None,
        };
        ui::room::note_pending(ui, laid);
        place
    }
}

impl View<'_> {
    /// The note where it goes before the body (at the top of the page); its choice.
    pub fn note_before(&self, ui: &mut egui::Ui, place: NotePlace) -> Option<Do> {
        match place {
            NotePlace::Top(h) => self.guide(ui, h),
            _ => None,
        }
    }

    /// The note where it goes after the body (on its picture, or under it); its choice.
    pub fn note_after(&self, ui: &mut egui::Ui, place: NotePlace) -> Option<Do> {
        match place {
            NotePlace::After(h) => {
                ui.add_space(8.0);
                self.guide(ui, h)
            }
            NotePlace::OnPicture(h) => {
                let width = ui.available_width() * NOTE_SHARE;
                let Some(at) = ui::room::note_place(ui, width) else {
                    return self.guide(ui, h);
                };
                let mut note = ui.new_child(
                    egui::UiBuilder::new()
                        .max_rect(at)
                        .layout(egui::Layout::top_down(egui::Align::Min)),
                );
                // (Measured by where its content ends: the child's own rect may span all of
                // the room it was given, and the picture grew with it, one frame each way.)
                let top = note.cursor().top();
                let said = self.guide(&mut note, h);
                ui::room::note_drawn(ui, note.cursor().top() - top);
                said
            }
            _ => None,
        }
    }
}

/// A strip of tape across the top edge of a note at `at`, a little askew.
fn tape(p: &egui::Painter, at: egui::Pos2) {
    let (w, h, tilt) = (64.0f32, 16.0f32, -0.06f32);
    let (c, s) = (tilt.cos(), tilt.sin());
    let turn = |x: f32, y: f32| at + egui::vec2(x * c - y * s, x * s + y * c);
    let corners = vec![
        turn(-w / 2.0, -h / 2.0),
        turn(w / 2.0, -h / 2.0),
        turn(w / 2.0, h / 2.0),
        turn(-w / 2.0, h / 2.0),
    ];
    p.add(egui::Shape::convex_polygon(
        corners,
        egui::Color32::from_rgba_unmultiplied(226, 214, 176, 210),
        egui::Stroke::new(
            1.0,
            egui::Color32::from_rgba_unmultiplied(180, 166, 126, 160),
        ),
    ));
}

/// The share of the page's width a note on its picture takes.
const NOTE_SHARE: f32 = 0.52;

impl View<'_> {
    /// The guide's note for this screen, if due: a framed note in the game's voice with
    /// [C] to close it and Shift+C to turn the guide off. Returns the settings changed.
    pub fn guide(&self, ui: &mut egui::Ui, hint: Hint) -> Option<Do> {
        if !self.guide_due(hint) {
            return None;
        }
        let mut st = self.settings.clone();
        // A note taped to the page (a framed box in blue read as an app's dialog); the blue
        // edge kept in high contrast.
        let edge = if ui::high_contrast(ui.ctx()) {
            egui::Stroke::new(1.5, ui::blue(ui))
        } else {
            egui::Stroke::new(1.0, egui::Color32::from_rgb(196, 180, 142))
        };
        let note = egui::Frame::group(ui.style())
            .fill(egui::Color32::from_rgb(250, 244, 222))
            .stroke(edge)
            .inner_margin(10.0)
            .shadow(ui::paper_shadow([2, 3], 8, 60))
            .show(ui, |ui| {
                // Its name and its two keys on one line, the note under them (a line less of
                // the screen for the picture and the choices; issue 35).
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        egui::RichText::new(self.t(hint.heading()))
                            .family(ui::heading_family())
                            .color(ui::blue(ui)),
                    );
                    ui.add_space(12.0);
                    let shift = ui.input(|i| i.modifiers.shift);
                    // (Both the size of any key button, on one line.)
                    let done = ui::key_button(ui, egui::Key::C, &self.t("guide.ok")) && !shift;
                    let off =
                        ui::keycap::button(ui, "Shift+C", self.t("guide.off"), None, None, |b| b)
                            .clicked()
                            || (shift && ui::pressed(ui.ctx(), egui::Key::C));
                    if off {
                        st.setup.guide = false;
                    } else if done {
                        st.setup.guide_seen |= hint.bit();
                    }
                });
                ui.label(self.t(hint.key()));
            });
        tape(ui.painter(), note.response.rect.center_top());
        ui.add_space(6.0);
        (st != *self.settings).then(|| Do::Set(Box::new(st)))
    }

    /// Whether the guide's note for this screen is to be shown now.
    pub fn guide_due(&self, hint: Hint) -> bool {
        self.session.is_some_and(|s| {
            // The evening's ledger is of the day that closed (the rules have begun the next).
            let day = match (hint, &s.evening()) {
                (Hint::Evening, Some(l)) => l.day,
                _ => s.state().day,
            };
            hint_due(self.settings, &s.state().lv().id, day, hint)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guide_teaches_level_one_once_and_stays_off_when_turned_off() {
        let mut st = Settings::default();
        for h in Hint::ALL {
            assert!(
                hint_due(&st, GUIDED_LEVEL, 0, h),
                "{h:?} is due on a first game"
            );
            assert!(
                !hint_due(&st, "winter-2024", 0, h),
                "only the first level teaches"
            );
        }
        st.setup.guide_seen |= Hint::Street.bit();
        assert!(
            !hint_due(&st, GUIDED_LEVEL, 0, Hint::Street),
            "read once, never again"
        );
        assert!(hint_due(&st, GUIDED_LEVEL, 0, Hint::Place));
        assert!(
            !hint_due(&st, GUIDED_LEVEL, 1, Hint::Place),
            "the second day has no guide, even unread"
        );
        st.setup.guide = false;
        assert!(
            Hint::ALL
                .iter()
                .all(|&h| !hint_due(&st, GUIDED_LEVEL, 0, h))
        );
    }
}
