//! The title: new game, continue, settings, sources, a save exported or imported, quit.

use super::shared::{Shared, View};
use super::*;
use bevy::input::{keyboard::KeyboardInput, mouse::MouseButtonInput};
use bevy::window::WindowFocused;
use bevy_egui::egui::{self, Key, RichText};

/// Whether a save is there to continue: looked up on arriving here, after an import, and
/// when a key or button is pressed here (the page's file chooser stores a save behind the
/// game's back). It looks; it does not read the save.
#[derive(Resource, Default, PartialEq)]
struct TitleState {
    saved: bool,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TitleState>()
        .add_systems(OnEnter(Screen::Title), look_for_save)
        .add_systems(
            Update,
            look_for_save.run_if(
                in_state(Screen::Title).and_then(
                    on_message::<WindowFocused>
                        .or_else(on_message::<crate::platform::Imported>)
                        .or_else(on_message::<KeyboardInput>)
                        .or_else(on_message::<MouseButtonInput>),
                ),
            ),
        )
        .add_systems(
            EguiPrimaryContextPass,
            draw.in_set(Pass::Screen).run_if(on(Screen::Title)),
        );
}

fn look_for_save(mut st: ResMut<TitleState>) {
    st.set_if_neq(TitleState {
        saved: crate::platform::has_save(),
    });
}

/// A centered column of at most `width`; `wrap()` inside makes its long texts wrap.
pub(super) fn centered(root: &mut egui::Ui, width: f32, add: impl FnOnce(&mut egui::Ui)) {
    egui::CentralPanel::default().show(root, |ui| {
        // At a large text size the column is the window's width, its text wraps, and the
        // page scrolls rather than losing its ends.
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.set_max_width(width.min(ui.available_width() - 16.0));
                    ui.add_space(36.0);
                    add(ui);
                });
            });
    });
}

fn draw(mut g: Shared, st: Res<TitleState>) -> Result {
    let ctx = g.ctx()?;
    let mut root = crate::ui::root(&ctx);
    let message = g.message.0.clone();
    let mut pick = None;
    let view = g.view();
    egui::CentralPanel::default().show(&mut root, |ui| {
        pick = poster_and_menu(ui, &view, st.saved, message.as_deref());
    });
    // What only the platform does: the save out as a file, a file chosen to bring one in.
    let choice = match pick {
        Some(Pick::Do(d)) => Some(d),
        Some(Pick::Export) => Some(Do::Say(Some(export(&g)))),
        Some(Pick::Import) => crate::platform::request_import()
            .err()
            .map(|e| Do::Say(Some(e))),
        None => None,
    };
    if let Some(c) = choice {
        g.send(c);
    }
    Ok(())
}

/// The title as a poster (issue 35): the key art across the whole window, her on the left,
/// the game's name set on its sky and the menu on a dark card beside her (on a narrow window,
/// large text, she stands further left and the card takes the right two thirds).
fn poster_and_menu(
    ui: &mut egui::Ui,
    g: &View,
    saved: bool,
    message: Option<&str>,
) -> Option<Pick> {
    let full = ui.max_rect();
    let view = ui.ctx().viewport_rect();
    let wide = full.width() >= 860.0 && full.height() >= 420.0;
    // The key art across the whole window (a poster bleeds off its edges).
    let resp = ui.interact(view, ui.id().with("poster"), egui::Sense::hover());
    crate::access::describe(&resp, &g.t("pic.title"));
    // Wide: her in the left half, the name on the sky right of her, the menu under it on a
    // narrow dark card. Narrow (a large text size): her at the left, the name and the card
    // on the right two thirds.
    let (her_at, her_top) = if wide { (0.27, 0.2) } else { (0.17, 0.08) };
    crate::ui::art::poster(
        &ui.ctx().layer_painter(egui::LayerId::background()),
        view.expand(14.0),
        her_at,
        her_top,
    );
    let at = |x: f32, y: f32| {
        egui::pos2(
            full.left() + full.width() * x,
            full.top() + full.height() * y,
        )
    };
    let layout = if wide {
        Lettering {
            name: egui::Rect::from_min_max(
                at(0.56, 0.07) - egui::vec2(40.0, 0.0),
                at(0.96, 0.36) + egui::vec2(20.0, 0.0),
            ),
            size: 72.0,
            card: (at(0.59, 0.4), at(0.93, 1.0)),
        }
    } else {
        Lettering {
            name: egui::Rect::from_min_max(at(0.34, 0.01), at(1.0, 0.33) - egui::vec2(8.0, 0.0)),
            size: 40.0,
            card: (at(0.34, 0.35), at(1.0, 1.0) - egui::vec2(8.0, 0.0)),
        }
    };
    name_and_dark_menu(ui, g, saved, message, full, layout)
}

/// Where the title's name and menu go over the poster: the name's place and size, the menu
/// card's corners (the card no taller than its menu).
struct Lettering {
    name: egui::Rect,
    size: f32,
    card: (egui::Pos2, egui::Pos2),
}

/// The poster's own lettering: the name set on the evening sky right of her, in the paper's
/// colour, and the menu under it on a dark card, narrow, so that the picture stays the
/// picture.
fn name_and_dark_menu(
    ui: &mut egui::Ui,
    g: &View,
    saved: bool,
    message: Option<&str>,
    full: egui::Rect,
    at: Lettering,
) -> Option<Pick> {
    let mut pick = None;
    let (ink, paper) = (crate::ui::ink(ui), crate::ui::paper(ui));
    // (In high contrast the name stands on a card of the paper's colour, not on the sky.)
    let high = crate::ui::high_contrast(ui.ctx());
    let on_sky = if high { ink } else { paper };
    // (A place for the backing under the words, filled once their size is known.)
    let backing = ui.painter().add(egui::Shape::Noop);
    let lettering = ui.scope_builder(egui::UiBuilder::new().max_rect(at.name), |ui| {
        ui.vertical_centered(|ui| {
            wrap(ui);
            ui.label(
                RichText::new(g.t("game.title"))
                    .size(at.size)
                    .family(crate::ui::heading_family())
                    .color(on_sky),
            );
            ui.label(
                RichText::new(g.t("game.tagline"))
                    .size(crate::ui::H2)
                    .color(on_sky),
            );
        });
    });
    if high {
        let r = lettering.response.rect.expand(8.0);
        ui.painter()
            .set(backing, egui::Shape::rect_filled(r, 8.0, paper));
    }
    // As tall as the menu was drawn last time (it scrolls where the window is shorter).
    let measured = ui.id().with("title-menu-height");
    let need = ui.data(|d| d.get_temp::<f32>(measured)).unwrap_or(330.0) + 32.0;
    // (No narrower than the export/import row and its margins: on a 1024-wide window a
    // third of it was not enough.)
    let (mut from, to) = at.card;
    from.x = from.x.min(to.x - 390.0).max(full.left() + 8.0);
    let foot = to.y.min(full.bottom()) - 16.0;
    let card = egui::Rect::from_min_max(from, egui::pos2(to.x, (from.y + need).min(foot)));
    let p = ui.painter();
    p.rect_filled(
        card.translate(egui::vec2(6.0, 8.0)),
        12.0,
        egui::Color32::from_black_alpha(60),
    );
    // (In high contrast, the paper's card: a faded, disabled choice on black fell under 7:1.)
    let (fill, words) = if high {
        (paper, None)
    } else {
        (ink, Some(paper))
    };
    p.rect_filled(card, 12.0, fill);
    // A thin rule inside its edge, as a printed card has.
    p.rect_stroke(
        card.shrink(6.0),
        8.0,
        egui::Stroke::new(1.0, paper.gamma_multiply(0.35)),
        egui::StrokeKind::Inside,
    );
    // (On a wide window; at a large text size the card has no room for larger choices.)
    let roomy = at.size >= 60.0 && card.width() >= 420.0;
    // Where the card has less room than the menu in one column needs (a large text size: at
    // Korean ×2 Quit, Export and Import were scrolled out of sight), two or three choices to
    // a row. (By the room, not by the card: the card is as tall as the menu drawn last, and a
    // menu in rows is shorter, so the layout turned over from frame to frame.)
    let compact = foot - from.y < 360.0;
    ui.scope_builder(egui::UiBuilder::new().max_rect(card.shrink(16.0)), |ui| {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let from = ui.cursor().top();
                ui.vertical_centered(|ui| {
                    if roomy {
                        // A poster's menu, not a settings list: larger choices, more air.
                        let st = ui.style_mut();
                        st.text_styles.insert(
                            egui::TextStyle::Button,
                            egui::FontId::proportional(crate::ui::H2 - 1.0),
                        );
                        st.spacing.button_padding = egui::vec2(14.0, 5.0);
                        st.spacing.item_spacing.y = 9.0;
                    }
                    ui.add_space(6.0);
                    pick = menu(ui, g, saved, message, words, compact);
                });
                crate::ui::room::remember(ui, measured, ui.cursor().top() - from, 1.0);
            });
    });
    pick
}

/// What is chosen on the title.
#[derive(Debug, PartialEq)]
enum Pick {
    Do(Do),
    /// The save out as a file [E].
    Export,
    /// A save brought in [I].
    Import,
}

/// The title and its menu as one column (new game, continue with a save, settings, sources,
/// the class view, export and import, quit; the message line under it): what the tests read
/// and press; the screen sets the name on the poster and the menu on its card.
#[cfg(test)]
fn body(ui: &mut egui::Ui, g: &View, saved: bool, message: Option<&str>) -> Option<Pick> {
    ui.label(
        RichText::new(g.t("game.title"))
            .size(60.0)
            .family(crate::ui::heading_family()),
    );
    ui.label(
        RichText::new(g.t("game.tagline"))
            .size(crate::ui::H2)
            .color(crate::ui::dim(ui)),
    );
    ui.add_space(30.0);
    menu(ui, g, saved, message, None, false)
}

/// A row of choices centred by its own width, measured on the last frame (`id`: the row's).
fn centred_row<R>(ui: &mut egui::Ui, id: &str, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    // (Kept under the menu's own id: whether a row fits is asked before it is drawn.)
    let id = ui.id().with(id);
    ui.horizontal(|ui| {
        let row = ui.data(|d| d.get_temp::<f32>(id)).unwrap_or(330.0);
        ui.add_space((ui.available_width() - row).max(0.0) / 2.0);
        let from = ui.cursor().left();
        let r = add(ui);
        crate::ui::room::remember(ui, id, ui.cursor().left() - from, 1.0);
        r
    })
    .inner
}

/// The menu's choices, the keys' line and the message (`on_dark`: the colour of its words
/// on the dark card; else the page's; `compact`: two or three choices to a row).
fn menu(
    ui: &mut egui::Ui,
    g: &View,
    saved: bool,
    message: Option<&str>,
    on_dark: Option<egui::Color32>,
    compact: bool,
) -> Option<Pick> {
    let mut choice = None;
    // One choice under another, or a row of them where its width (last frame's) fits.
    let group = |ui: &mut egui::Ui, id: &str, add: &mut dyn FnMut(&mut egui::Ui)| {
        let width = ui.data(|d| d.get_temp::<f32>(ui.id().with(id)));
        if compact && width.is_none_or(|w| w <= ui.available_width()) {
            centred_row(ui, id, |ui| add(ui));
        } else {
            add(ui);
        }
    };
    group(ui, "title-row-play", &mut |ui| {
        for (key, label, enabled, c) in [
            (Key::N, "title.new", true, Do::Go(Screen::Levels)),
            (Key::C, "title.continue", saved, Do::Continue),
        ] {
            if crate::ui::key_button_enabled(ui, key, &g.t(label), enabled) {
                choice = Some(Pick::Do(c));
            }
        }
    });
    // Weeks after a class session, set so by the facilitator (with the class code): the
    // check alone.
    if g.settings.setup.later
        && g.settings.setup.check
        && crate::content::class_code(&g.settings.setup.class_code).is_some()
        && crate::ui::key_button(ui, Key::L, &g.t("title.later"))
    {
        choice = Some(Pick::Do(Do::LaterCheck));
    }
    group(ui, "title-row-more", &mut |ui| {
        for (key, label, enabled, c) in [
            (Key::S, "title.settings", true, Do::Open(Overlay::Settings)),
            (Key::F, "title.sources", true, Do::Open(Overlay::Sources)),
            (Key::V, "class.open", true, Do::Go(Screen::Class)),
        ] {
            if crate::ui::key_button_enabled(ui, key, &g.t(label), enabled) {
                choice = Some(Pick::Do(c));
            }
        }
        // (In a row, Quit ends this one: the export and import row is the widest.)
        if compact && crate::ui::key_button(ui, Key::Q, &g.t("title.quit")) {
            choice = Some(Pick::Do(Do::Quit));
        }
    });
    centred_row(ui, "export-import row", |ui| {
        if crate::ui::key_button_enabled(ui, Key::E, &g.t("title.export"), saved) {
            choice = Some(Pick::Export);
        }
        if crate::ui::key_button(ui, Key::I, &g.t("title.import")) {
            choice = Some(Pick::Import);
        }
    });
    if !compact && crate::ui::key_button(ui, Key::Q, &g.t("title.quit")) {
        choice = Some(Pick::Do(Do::Quit));
    }
    ui.add_space(if compact { 8.0 } else { 24.0 });
    // (Softer on the dark card, but not in high contrast, where every word reaches 7:1.)
    let soft = if crate::ui::high_contrast(ui.ctx()) {
        1.0
    } else {
        0.8
    };
    let dim = on_dark.map_or(crate::ui::dim(ui), |c| c.gamma_multiply(soft));
    ui.label(RichText::new(g.t("title.keys")).color(dim));
    if let Some(m) = message {
        ui.add_space(16.0);
        // (On the dark card, the page's red is too dark to read: the paper's colour.)
        ui.label(RichText::new(m).color(on_dark.unwrap_or(crate::ui::red(ui))));
    }
    choice
}

/// The save offered as a file; the line says where it went.
fn export(g: &Shared) -> String {
    match crate::platform::read() {
        Ok(Some(save)) => match crate::platform::export_save(&save) {
            Ok(to) => format!("{}: {to}", g.t("title.exported")),
            Err(e) => e,
        },
        Ok(None) => g.t("title.no_save"),
        Err(e) => e,
    }
}

/// Long texts in a centered column wrap (a centered layout would let them run off both
/// edges at a large text size).
pub(super) fn wrap(ui: &mut egui::Ui) {
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Tr;
    use crate::rules::Lang;
    use crate::screens::shared::{frame, names};

    fn press(saved: bool, lang: Lang, keys: &[Key]) -> (Option<Pick>, Vec<String>) {
        let tr = Tr::load();
        let mut st = Settings::default();
        st.prefs.lang = lang;
        let mut pick = None;
        let out = frame(keys, true, |ui| {
            pick = body(ui, &View::new(&tr, &st, None), saved, Some("A note."));
        });
        (pick, names(&out))
    }

    #[test]
    fn each_key_of_the_title_is_its_choice() {
        for (key, want) in [
            (Key::N, Pick::Do(Do::Go(Screen::Levels))),
            (Key::C, Pick::Do(Do::Continue)),
            (Key::S, Pick::Do(Do::Open(Overlay::Settings))),
            (Key::F, Pick::Do(Do::Open(Overlay::Sources))),
            (Key::V, Pick::Do(Do::Go(Screen::Class))),
            (Key::E, Pick::Export),
            (Key::I, Pick::Import),
            (Key::Q, Pick::Do(Do::Quit)),
        ] {
            assert_eq!(press(true, Lang::En, &[key]).0, Some(want), "{key:?}");
        }
        // Without a save there is nothing to continue or export; the rest still works.
        assert_eq!(press(false, Lang::Ko, &[Key::C]).0, None);
        assert_eq!(press(false, Lang::Ko, &[Key::E]).0, None);
        assert_eq!(press(false, Lang::Ko, &[Key::I]).0, Some(Pick::Import));
        let (pick, shown) = press(true, Lang::En, &[]);
        assert_eq!(pick, None);
        assert!(
            shown.iter().any(|n| n == "A note."),
            "the message line: {shown:?}"
        );
        // Eight choices, each a button with its key (and the keys line under them).
        let keyed = shown
            .iter()
            .filter(|n| n.starts_with('[') && !n.starts_with("[F9]"));
        assert_eq!(keyed.count(), 8, "{shown:?}");
        // No check weeks later on a class's first day (L does nothing); with the class
        // code and the facilitator's "weeks later", L asks it.
        assert_eq!(press(true, Lang::En, &[Key::L]).0, None);
        let tr = Tr::load();
        let mut st = Settings::default();
        st.setup.class_code = "maple7".into();
        let mut pick = None;
        frame(&[Key::L], true, |ui| {
            pick = body(ui, &View::new(&tr, &st, None), true, None);
        });
        assert_eq!(pick, None, "a class code alone does not offer it");
        st.setup.later = true;
        let out = frame(&[Key::L], true, |ui| {
            pick = body(ui, &View::new(&tr, &st, None), true, None);
        });
        assert_eq!(pick, Some(Pick::Do(Do::LaterCheck)));
        assert!(
            names(&out)
                .iter()
                .any(|n| n == "[L] The check, weeks later"),
            "{:?}",
            names(&out)
        );
    }

    /// The title as drawn, in a 1280×720 window at text sizes 1, 1.25 (1024 points wide) and
    /// 2, in both languages, with a save: every choice lies on the menu's card, none past its
    /// right edge (the card is 0.93 of the width on a wide window, 8 points short of it on a
    /// narrow one; at 1.25 the Korean export/import row ran past a card a third of the width),
    /// and every one of the eight in sight, above the window's foot (at Korean ×2 Quit, Export
    /// and Import were scrolled out of sight in one column: there they go two or more a row).
    #[test]
    fn every_title_choice_is_on_its_card_at_any_size() {
        let tr = Tr::load();
        for lang in [Lang::En, Lang::Ko] {
            for zoom in [1.0, 1.25, 2.0] {
                let mut st = Settings::default();
                st.prefs.lang = lang;
                let mut edge = 0.0f32;
                let mut foot = 0.0f32;
                let out = crate::screens::shared::frame_at(&[], true, zoom, false, 3, |ui| {
                    let full = ui.max_rect();
                    foot = full.bottom();
                    let wide = full.width() >= 860.0 && full.height() >= 420.0;
                    edge = if wide {
                        full.left() + full.width() * 0.93
                    } else {
                        full.right() - 8.0
                    };
                    poster_and_menu(ui, &View::new(&tr, &st, None), true, None);
                });
                let placed = crate::screens::shared::placed(&out);
                let keys: Vec<_> = placed
                    .iter()
                    .filter(|(n, r, _)| *r == egui::accesskit::Role::Button && n.starts_with('['))
                    .collect();
                assert_eq!(keys.len(), 8, "{lang:?} ×{zoom}: {keys:?}");
                for (name, _, at) in keys {
                    assert!(
                        at.bottom() <= foot + 0.5,
                        "{lang:?} ×{zoom}: {name} ends at {}, under the window's foot {foot}",
                        at.bottom()
                    );
                }
                let shown = crate::screens::shared::buttons(&out);
                assert!(shown.len() >= 6, "{lang:?} ×{zoom}: {shown:?}");
                for (name, right) in shown {
                    assert!(
                        right <= f64::from(edge) + 0.5,
                        "{lang:?} ×{zoom}: {name} ends at {right}, past the card's edge {edge}"
                    );
                }
            }
        }
    }
}
