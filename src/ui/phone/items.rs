//! The phone's lists (contacts, messages, gallery, files), an item's line and its risk, and
//! what can be done with the selected item (its chips, renaming).

use super::*;

fn item_line(ui: &egui::Ui, v: &View, it: &Item) -> (String, Color32) {
    let mut name = v.s.item_name(it).get(v.lang).to_string();
    if it.storage == Storage::Sd {
        name = format!("[SD] {name}");
    }
    if it.pending_info.is_some() {
        name = format!("✉ {name}");
    }
    // Risk is a mark as well as a colour.
    if it.flags != 0 {
        name = format!("⚠ {name}");
    }
    let color = if v.found.contains(&it.id) {
        found(ui)
    } else if it.flags != 0 {
        warn(ui)
    } else {
        phone_text(ui)
    };
    (name, color)
}

/// Why an item is risky, in words: "⚠ Risky: a heart next to a name".
fn risk_reasons(v: &View, flags: u8) -> String {
    let why: Vec<&str> = Flag::ALL
        .iter()
        .filter(|f| flags & f.bit() != 0)
        .map(|f| v.tr.get(v.lang, f.key()))
        .collect();
    format!(
        "⚠ {}: {}",
        v.tr.get(v.lang, "phone.risky_because"),
        why.join(", ")
    )
}

/// The files' bar: the phone's memory or the SD card, and the card hidden or shown ([Ins]).
/// Returns the action chosen, and whether the card's list is hidden.
fn files_bar(ui: &mut egui::Ui, v: &View, pui: &mut PhoneUi) -> (Option<Action>, bool) {
    let s = v.s;
    let t = |k: &str| v.tr.get(v.lang, k).to_string();
    let mut action = None;
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(
            &mut pui.sd,
            false,
            RichText::new(t("phone.internal")).color(phone_text(ui)),
        );
        ui.selectable_value(
            &mut pui.sd,
            true,
            RichText::new(t("phone.sd")).color(phone_text(ui)),
        );
        let (key, label) = if s.phone.sd_hidden {
            ("phone.show_sd", Action::ShowSd)
        } else {
            ("phone.hide_sd", Action::HideSd)
        };
        let text = RichText::new(t(key)).size(SMALL).color(ink(ui));
        if crate::ui::keycap::button(ui, "Ins", text, Some(SMALL), None, egui::Button::small)
            .clicked()
            || (v.keys && pressed(ui.ctx(), Key::Insert))
        {
            action = Some(label);
        }
    });
    let hidden = pui.sd && s.phone.sd_hidden;
    if hidden {
        ui.label(RichText::new(t("phone.sd_hidden")).color(Color32::GRAY));
    }
    (action, hidden)
}

/// An item's line in its list, with its picture where the app shows one.
fn item_entry(
    ui: &mut egui::Ui,
    app: App,
    it: &Item,
    spec: &crate::rules::ItemSpec,
    sel: bool,
    name: RichText,
) -> egui::Response {
    // The gallery shows each picture, the contacts each person's photo, as a phone does:
    // what is in a picture can be seen. The name wraps beside it (the phone keeps its
    // width).
    let picture = match app {
        App::Gallery => Some(egui::vec2(56.0, 40.0)),
        App::Contacts => Some(egui::vec2(30.0, 30.0)),
        _ => None,
    };
    if let Some(size) = picture {
        ui.horizontal_top(|ui| {
            let (r, _) = ui.allocate_exact_size(size, egui::Sense::hover());
            let painter = ui.painter_at(r);
            if app == App::Gallery {
                super::art::thumbnail(
                    &painter,
                    r,
                    it.kind == ItemKind::Video,
                    it.flags,
                    spec.business > 0,
                );
            } else {
                painter.rect_filled(r, 15.0, super::art::WALL);
                super::art::portrait(&painter, r, spec.face, super::art::Mood::Well);
            }
            ui.add(egui::Button::selectable(sel, name).wrap())
        })
        .inner
    } else {
        ui.selectable_label(sel, name)
    }
}

/// What an item says: a message thread's text in its bubble, another item's when opened.
fn item_text(ui: &mut egui::Ui, v: &View, it: &Item, spec: &crate::rules::ItemSpec, sel: bool) {
    // Message threads show their text, as a messaging app does; other items when opened.
    let body = spec.body_for(v.gentle);
    if (sel || it.kind == ItemKind::Thread) && !body.en.is_empty() {
        let text = RichText::new(body.get(v.lang))
            .size(SMALL)
            .color(Color32::LIGHT_GRAY);
        if it.kind == ItemKind::Thread {
            // A message in its bubble, as a messaging app shows it.
            egui::Frame::new()
                .fill(Color32::from_rgb(46, 50, 58))
                .corner_radius(egui::CornerRadius {
                    nw: 2,
                    ne: 10,
                    sw: 10,
                    se: 10,
                })
                .inner_margin(egui::Margin::symmetric(8, 5))
                .show(ui, |ui| {
                    ui.label(text);
                });
        } else {
            ui.label(text);
        }
    }
}

pub(super) fn list(ui: &mut egui::Ui, v: &View, pui: &mut PhoneUi) -> Option<Action> {
    let s = v.s;
    let t = |k: &str| v.tr.get(v.lang, k).to_string();
    let mut action = None;
    if pui.app == App::Files {
        let hidden;
        (action, hidden) = files_bar(ui, v, pui);
        if hidden {
            return action;
        }
    }
    let items: Vec<&Item> = s
        .phone
        .items
        .iter()
        .filter(|it| in_app(pui.app, pui.sd, s.phone.sd_hidden, it))
        .collect();
    if items.is_empty() {
        ui.label(RichText::new(t("phone.empty")).color(Color32::GRAY));
        return action;
    }
    // Up and down move the selection (and the list scrolls to it, below).
    let pos = pui
        .selected
        .and_then(|id| items.iter().position(|it| it.id == id));
    let was = pui.selected;
    if v.keys && !pui.renaming {
        // Esc lets go of the selected item first (and only then means "back" to a screen).
        if v.esc_releases
            && pui.selected.is_some()
            && !ui.ctx().egui_wants_keyboard_input()
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape))
        {
            pui.selected = None;
        }
        if pressed(ui.ctx(), Key::ArrowDown) {
            pui.selected = Some(items[pos.map_or(0, |p| (p + 1).min(items.len() - 1))].id);
        }
        if pressed(ui.ctx(), Key::ArrowUp) {
            pui.selected = Some(items[pos.map_or(0, |p| p.saturating_sub(1))].id);
        }
    }
    for it in items {
        let (name, color) = item_line(ui, v, it);
        let sel = pui.selected == Some(it.id);
        let spec = &s.world.specs[it.spec as usize];
        let resp = item_entry(ui, pui.app, it, spec, sel, RichText::new(name).color(color));
        if resp.clicked() {
            pui.selected = Some(it.id);
            pui.renaming = false;
            resp.surrender_focus();
        }
        // Chosen by the keyboard: brought into view (issue 31, point 6).
        if sel && was != pui.selected {
            resp.scroll_to_me(None);
        }
        if sel && it.flags != 0 {
            ui.label(
                RichText::new(risk_reasons(v, it.flags))
                    .size(SMALL)
                    .color(warn(ui)),
            );
        }
        item_text(ui, v, it, spec, sel);
        // In an inspector's hands the phone is theirs: no buttons of hers.
        if sel && action.is_none() && s.inspection.is_none() {
            action = item_actions(ui, v, pui, it);
        }
        // Opened ([O]), a photo or a video fills the screen: what is in it can be seen (the
        // birthday video's portraits on the wall behind the table, the dancers of a foreign
        // video), drawn large from the gallery's own picture.
        if sel && it.read && matches!(it.kind, ItemKind::Photo | ItemKind::Video) {
            let w = ui.available_width().min(260.0);
            let (r, _) = ui.allocate_exact_size(egui::vec2(w, w * 0.62), egui::Sense::hover());
            super::art::thumbnail(
                &ui.painter_at(r),
                r,
                it.kind == ItemKind::Video,
                it.flags,
                spec.business > 0,
            );
            ui.label(
                RichText::new(v.tr.get(v.lang, "phone.opened"))
                    .size(SMALL)
                    .color(Color32::LIGHT_GRAY),
            );
        }
    }
    action
}

/// What an action chip ("[Delete] Delete") is filled with: light, under the theme's ink.
pub(super) const CHIP: Color32 = Color32::from_rgb(226, 226, 222);

fn item_actions(ui: &mut egui::Ui, v: &View, pui: &mut PhoneUi, it: &Item) -> Option<Action> {
    let s = v.s;
    let t = |k: &str| v.tr.get(v.lang, k).to_string();
    let mut a = None;
    let keys = v.keys && !pui.renaming;
    let mut btn = |ui: &mut egui::Ui, key: Key, label: &str, act: Action| {
        // A chip tall enough for its letters' descenders, dark on light (about 13:1; the
        // high-contrast theme's ink is black), issue 31, point 5.
        let text = RichText::new(label).size(SMALL).color(ink(ui));
        let cap = key_name(ui.ctx(), key);
        let r = crate::ui::keycap::button(ui, &cap, text, Some(SMALL), None, |b| {
            b.fill(CHIP).min_size(egui::vec2(0.0, SMALL + 10.0))
        });
        if r.clicked() {
            // A clicked phone button must not keep the keyboard: Enter belongs to the screen.
            r.surrender_focus();
        }
        if r.clicked() || (keys && pressed(ui.ctx(), key)) {
            a = Some(act);
        }
    };
    ui.horizontal_wrapped(|ui| {
        let id = it.id;
        if it.pending_info.is_some() {
            btn(
                ui,
                Key::W,
                &t("phone.forward"),
                Action::Forward { item: id },
            );
            btn(ui, Key::K, &t("phone.keep"), Action::Keep { item: id });
        }
        // Contacts and messages show all they hold already: nothing to open.
        if !matches!(it.kind, ItemKind::Contact | ItemKind::Thread) {
            btn(ui, Key::O, &t("phone.read"), Action::Read { item: id });
        }
        btn(
            ui,
            Key::Delete,
            &t("phone.delete"),
            Action::Delete { item: id },
        );
        if it.has(Flag::Heart) {
            btn(
                ui,
                Key::J,
                &t("phone.heart"),
                Action::RemoveHeart { item: id },
            );
        }
        if matches!(it.kind, ItemKind::Photo | ItemKind::Video | ItemKind::File) {
            if it.storage == Storage::Internal {
                btn(ui, Key::U, &t("phone.to_sd"), Action::MoveToSd { item: id });
            } else {
                btn(
                    ui,
                    Key::U,
                    &t("phone.to_internal"),
                    Action::MoveToInternal { item: id },
                );
            }
        }
        if it.kind == ItemKind::Contact && s.world.spec_knows[it.spec as usize].is_some() {
            btn(ui, Key::Y, &t("phone.call"), Action::Call { contact: id });
        }
    });
    if it.kind == ItemKind::Contact {
        ui.horizontal(|ui| {
            // A chip like the item's others, tall enough for its letters.
            let text = RichText::new(t("phone.rename")).size(SMALL).color(ink(ui));
            let opened = !pui.renaming
                && (crate::ui::keycap::button(ui, "N", text, Some(SMALL), None, |b| {
                    b.fill(CHIP).min_size(egui::vec2(0.0, SMALL + 10.0))
                })
                .clicked()
                    || (keys && pressed(ui.ctx(), Key::N)));
            if opened {
                pui.renaming = true;
                pui.select_name = true;
                pui.rename = s.item_name(it).get(v.lang).to_string();
            }
            if pui.renaming
                && let Some(name) = rename_field(ui, pui)
            {
                a = Some(Action::Rename { item: it.id, name });
            }
        });
        // Once renamed, the name it is saved under (not the old one: the phone keeps no trace
        // of it, and the line would have shown the heart she took away).
        if let Some(line) = renamed_line(it, v.tr, v.lang) {
            ui.label(RichText::new(line).size(SMALL).color(ink(ui)));
        }
    }
    a
}

/// A renamed contact's line: the name she saved it under (issue 36: in Korean followed by the
/// particle its last syllable takes, "철민으로", "순이로", "영철로").
pub(crate) fn renamed_line(it: &Item, tr: &Tr, lang: Lang) -> Option<String> {
    let new = it.renamed.as_ref()?.get(lang).to_string();
    Some(tr.fmt(lang, "phone.renamed_from", &[("new", new)]))
}

/// The rename field, open with the old name selected; the new name when Enter ends it (Esc
/// ends it unchanged).
fn rename_field(ui: &mut egui::Ui, pui: &mut PhoneUi) -> Option<String> {
    let mut out = egui::TextEdit::singleline(&mut pui.rename)
        .id_salt("rename")
        .desired_width(150.0)
        .text_color(ink(ui))
        .show(ui);
    // The old name is selected when the field opens: what is typed replaces it.
    // (egui keeps a selection only in a focused field: the frame after the focus.)
    let id = out.response.id;
    if pui.select_name && ui.memory(|m| m.has_focus(id)) {
        pui.select_name = false;
        let all = egui::text::CCursorRange::two(
            egui::text::CCursor::new(0),
            egui::text::CCursor::new(pui.rename.chars().count()),
        );
        out.state.cursor.set_char_range(Some(all));
        out.state.store(ui.ctx(), id);
    }
    let r = out.response;
    r.request_focus();
    // The Enter (or Esc) that ends the rename is the field's alone.
    let none = egui::Modifiers::NONE;
    let mut named = None;
    if ui.input_mut(|i| i.consume_key(none, Key::Enter)) {
        named = Some(pui.rename.clone());
        pui.renaming = false;
    }
    if ui.input_mut(|i| i.consume_key(none, Key::Escape)) {
        pui.renaming = false;
    }
    if !pui.renaming {
        // The keyboard goes back to the screen: the next Enter goes on (out), not to a
        // button that took the focus.
        r.surrender_focus();
        ui.memory_mut(|m| m.stop_text_input());
    }
    named
}

#[cfg(test)]
mod rename_tests {
    use super::*;

    /// Issue 36, point 5: a contact the player renames is named in Korean with the particle
    /// its new name's last syllable takes: 으로 after a final consonant, 로 after a vowel and
    /// after ㄹ.
    #[test]
    fn a_renamed_contact_takes_the_particles_its_name_needs() {
        let tr = Tr::load();
        let mut s = new_game(
            crate::content::load_level("01").expect("level 1"),
            &mut new_rng(1),
        )
        .0;
        let contact = s
            .phone
            .items
            .iter()
            .find(|i| i.kind == ItemKind::Contact)
            .expect("a contact")
            .clone();
        assert!(
            renamed_line(&contact, &tr, Lang::Ko).is_none(),
            "not renamed yet"
        );
        for (name, to) in [("철민", "으로"), ("순이", "로"), ("영철", "로")] {
            let ev = apply(
                &mut s,
                Action::Rename {
                    item: contact.id,
                    name: name.into(),
                },
                &mut new_rng(2),
            );
            assert!(
                ev.iter().any(|e| matches!(e, Event::Renamed { .. })),
                "{ev:?}"
            );
            let it = s.item(contact.id).expect("the contact").clone();
            assert_eq!(
                renamed_line(&it, &tr, Lang::Ko).as_deref(),
                Some(format!("새 이름 “{name}”{to} 저장했다.").as_str()),
            );
            let en = renamed_line(&it, &tr, Lang::En).expect("in English too");
            assert!(en.contains(name), "{en}");
        }
    }
}
