//! The phone's home screen of apps, and the two apps that are not lists: the Trace Viewer
//! and the price notebook.

use super::*;

pub(super) fn home(ui: &mut egui::Ui, v: &View, pui: &mut PhoneUi) {
    // Behind the tiles, the home screen's picture: mountains before dawn, dark and calm, so
    // that the screen is a phone's and not an empty panel (issue 35; a drawing, not a
    // sourced wallpaper).
    wallpaper(ui.painter(), ui.max_rect().intersect(ui.clip_rect()));
    let hidden = v.s.phone.sd_hidden;
    // Three tiles a row, as wide as the phone allows (narrower at large text sizes).
    let tile_w = ((ui.available_width() - 2.0 * 14.0) / 3.0).clamp(60.0, 86.0);
    egui::Grid::new("apps")
        .spacing([14.0, 14.0])
        .show(ui, |ui| {
            for (i, (app, key, k)) in APPS.iter().enumerate() {
                let count = match app {
                    App::Trace => v.s.shots_so_far().count(),
                    App::Prices => {
                        v.s.notebook
                            .iter()
                            .filter(|n| n.is_some_and(|(d, _)| d == v.s.day))
                            .count()
                    }
                    a => {
                        v.s.phone
                            .items
                            .iter()
                            .filter(|it| {
                                in_app(*a, false, hidden, it)
                                    || (*a == App::Files && in_app(*a, true, hidden, it))
                            })
                            .count()
                    }
                };
                // A tile: the app's icon, its name, how many things are in it, its key.
                let name = v.tr.get(v.lang, key).to_string();
                let (r, resp) =
                    ui.allocate_exact_size(egui::vec2(tile_w, 84.0), egui::Sense::click());
                resp.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::WidgetType::Button, true, &name)
                });
                let lit = resp.hovered() || resp.has_focus();
                let p = ui.painter();
                p.rect_filled(
                    r,
                    12.0,
                    if lit {
                        Color32::from_rgb(58, 80, 122)
                    } else {
                        TILE
                    },
                );
                if resp.has_focus() {
                    p.rect_stroke(
                        r,
                        12.0,
                        egui::Stroke::new(2.0, Color32::WHITE),
                        egui::StrokeKind::Inside,
                    );
                }
                app_icon(
                    p,
                    egui::Rect::from_center_size(
                        r.center_top() + egui::vec2(0.0, 22.0),
                        egui::vec2(30.0, 30.0),
                    ),
                    *app,
                );
                p.text(
                    r.center_top() + egui::vec2(0.0, 42.0),
                    egui::Align2::CENTER_TOP,
                    name,
                    egui::FontId::proportional(SMALL),
                    phone_text(ui),
                );
                p.text(
                    r.center_bottom() - egui::vec2(0.0, 5.0),
                    egui::Align2::CENTER_BOTTOM,
                    format!("{count} · {}", key_name(ui.ctx(), *k)),
                    egui::FontId::proportional(SMALL),
                    Color32::LIGHT_GRAY,
                );
                if resp.clicked() {
                    pui.app = *app;
                }
                if i % 3 == 2 {
                    ui.end_row();
                }
            }
        });
}

/// An app's icon, drawn in `r` in the phone's light ink: a person for contacts, a speech
/// bubble for messages, a picture for the gallery, a folder for files, a camera with its red
/// light for the screenshot log, a notebook with a price line for prices.
pub(super) fn app_icon(p: &egui::Painter, r: egui::Rect, app: App) {
    use egui::{Stroke, pos2, vec2};
    let ink = Color32::from_rgb(226, 232, 244);
    let paper = TILE;
    let line = Stroke::new(2.0, ink);
    let (c, s) = (r.center(), r.width());
    match app {
        App::Home | App::Found => {}
        App::Contacts => {
            p.circle_filled(c - vec2(0.0, s * 0.16), s * 0.17, ink);
            super::art::dome(p, c + vec2(0.0, s * 0.42), vec2(s * 0.34, s * 0.34), ink);
        }
        App::Messages => {
            let b = egui::Rect::from_center_size(c - vec2(0.0, s * 0.06), vec2(s, s * 0.68));
            p.rect_filled(b, s * 0.2, ink);
            p.add(egui::Shape::convex_polygon(
                vec![
                    b.left_bottom() + vec2(s * 0.2, -2.0),
                    b.left_bottom() + vec2(s * 0.42, -2.0),
                    b.left_bottom() + vec2(s * 0.12, s * 0.2),
                ],
                ink,
                Stroke::NONE,
            ));
            for dx in [-0.22, 0.0, 0.22] {
                p.circle_filled(b.center() + vec2(dx * s, 0.0), s * 0.06, paper);
            }
        }
        App::Gallery => {
            let f = egui::Rect::from_center_size(c, vec2(s, s * 0.8));
            p.rect_filled(f, 3.0, ink);
            let inner = f.shrink(s * 0.08);
            p.rect_filled(inner, 1.0, Color32::from_rgb(120, 156, 196));
            p.add(egui::Shape::convex_polygon(
                vec![
                    inner.left_bottom(),
                    inner.left_bottom() + vec2(inner.width() * 0.38, -inner.height() * 0.7),
                    inner.left_bottom() + vec2(inner.width() * 0.76, 0.0),
                ],
                Color32::from_rgb(70, 104, 84),
                Stroke::NONE,
            ));
            p.circle_filled(
                inner.right_top() + vec2(-inner.width() * 0.22, inner.height() * 0.3),
                s * 0.09,
                Color32::from_rgb(246, 222, 140),
            );
        }
        App::Files => {
            let body = egui::Rect::from_min_max(
                pos2(r.left(), r.top() + s * 0.22),
                pos2(r.right(), r.bottom() - s * 0.08),
            );
            p.rect_filled(
                egui::Rect::from_min_size(
                    pos2(r.left(), r.top() + s * 0.1),
                    vec2(s * 0.42, s * 0.2),
                ),
                3.0,
                ink,
            );
            p.rect_filled(body, 3.0, ink);
            p.line_segment(
                [
                    body.left_top() + vec2(s * 0.1, s * 0.18),
                    body.right_top() + vec2(-s * 0.1, s * 0.18),
                ],
                Stroke::new(1.5, paper),
            );
        }
        App::Trace => {
            // The camera that watches her screen, its light on.
            let body = egui::Rect::from_center_size(c + vec2(0.0, s * 0.06), vec2(s, s * 0.62));
            p.rect_filled(
                egui::Rect::from_center_size(
                    body.center_top() + vec2(-s * 0.1, -s * 0.04),
                    vec2(s * 0.34, s * 0.16),
                ),
                2.0,
                ink,
            );
            p.rect_filled(body, 4.0, ink);
            p.circle_filled(body.center(), s * 0.2, paper);
            p.circle_stroke(body.center(), s * 0.12, line);
            p.circle_filled(
                body.right_top() + vec2(-s * 0.12, s * 0.12),
                s * 0.07,
                SHOT_RED,
            );
        }
        App::Prices => {
            let page = egui::Rect::from_center_size(c, vec2(s * 0.8, s));
            p.rect_filled(page, 3.0, ink);
            for i in 0..4 {
                let y = page.top() + page.height() * (0.18 + 0.2 * i as f32);
                p.circle_filled(pos2(page.left(), y), s * 0.05, paper);
            }
            p.add(egui::Shape::line(
                vec![
                    page.left_bottom() + vec2(s * 0.14, -s * 0.2),
                    page.left_bottom() + vec2(s * 0.32, -s * 0.42),
                    page.left_bottom() + vec2(s * 0.46, -s * 0.32),
                    page.left_bottom() + vec2(s * 0.66, -s * 0.7),
                ],
                Stroke::new(2.5, green(p)),
            ));
        }
    }
}

pub(super) fn trace(ui: &mut egui::Ui, v: &View) {
    let s = v.s;
    ui.label(
        RichText::new(v.tr.get(v.lang, "phone.trace_note"))
            .size(SMALL)
            .color(Color32::GRAY),
    );
    if s.shots_so_far().next().is_none() {
        ui.label(RichText::new(v.tr.get(v.lang, "phone.empty")).color(Color32::GRAY));
    }
    // Newest first, by the time each was taken (an evening's screenshots are recorded after
    // the next morning's reading, which the rules had already done).
    let mut shots: Vec<&Shot> = s.shots_so_far().collect();
    shots.sort_by_key(|t| (t.day, t.minute));
    for shot in shots.into_iter().rev().take(40) {
        let name = s.world.specs[shot.spec as usize].name.get(v.lang);
        let color = if shot.flags != 0 {
            warn(ui)
        } else {
            phone_text(ui)
        };
        let risky = if shot.flags != 0 {
            format!("  ⚠ {}", v.tr.get(v.lang, "phone.risky"))
        } else {
            String::new()
        };
        ui.label(
            RichText::new(format!(
                "{} {:02}:{:02}  {name}{risky}",
                v.tr.day(v.lang, shot.day as usize + 1),
                shot.minute / 60,
                shot.minute % 60
            ))
            .size(SMALL)
            .color(color),
        );
    }
}

pub(super) fn prices(ui: &mut egui::Ui, v: &View) {
    let s = v.s;
    let w = &s.world;
    let lv = w.lv();
    // One good, then each price known today on its own wrapped line: the phone is narrow.
    for g in 0..w.n_goods {
        let known: Vec<String> = (0..w.n_places)
            .filter_map(|p| {
                s.notebook[p * w.n_goods + g]
                    .filter(|(d, _)| *d == s.day)
                    .map(|(_, won)| {
                        format!(
                            "{} {}",
                            lv.places[p].name.get(v.lang),
                            crate::rules::won(won)
                        )
                    })
            })
            .collect();
        if known.is_empty() {
            continue;
        }
        ui.label(
            RichText::new(lv.goods[g].name.get(v.lang))
                .strong()
                .color(phone_text(ui)),
        );
        for line in known {
            ui.add(
                egui::Label::new(
                    RichText::new(format!("  {line}"))
                        .size(SMALL)
                        .color(phone_text(ui)),
                )
                .wrap(),
            );
        }
    }
}

/// The home screen's picture in `r`: a night sky paling toward the foot, two ranges of
/// mountains, snow on the far peaks.
fn wallpaper(p: &egui::Painter, r: egui::Rect) {
    use egui::{pos2, vec2};
    let (top, low) = (
        Color32::from_rgb(20, 24, 36),
        Color32::from_rgb(104, 84, 104),
    );
    crate::ui::art::sky(p, r, top, low);
    // A range's heights from the foot, as fractions of the screen.
    let ridge = |heights: &[f32], color: Color32| {
        let tops: Vec<f32> = heights.iter().map(|h| 1.0 - h).collect();
        crate::ui::art::silhouette(p, r, &tops, color);
    };
    let base = r.bottom();
    let far = [0.30, 0.38, 0.52, 0.44, 0.36, 0.46, 0.58, 0.48, 0.34];
    ridge(&far, Color32::from_rgb(54, 56, 80));
    // Snow on the far peaks: a pale cap at each high point.
    let n = far.len() as f32 - 1.0;
    for (i, &h) in far.iter().enumerate() {
        if h > 0.5 {
            let peak = pos2(r.left() + r.width() * i as f32 / n, base - h * r.height());
            let w = r.width() / n * 0.35;
            p.add(egui::Shape::convex_polygon(
                vec![
                    peak,
                    peak + vec2(w, r.height() * 0.05),
                    peak + vec2(-w, r.height() * 0.05),
                ],
                Color32::from_rgb(138, 140, 162),
                egui::Stroke::NONE,
            ));
        }
    }
    ridge(
        &[0.16, 0.22, 0.18, 0.26, 0.2, 0.14, 0.22, 0.18],
        Color32::from_rgb(30, 32, 44),
    );
}

/// What a stop's search found, each as a line ("name · where on the phone"), then the
/// screenshots the log showed them (the first few, then how many more).
pub fn found_lines(s: &GameState, tr: &Tr, lang: Lang) -> Vec<String> {
    let Some(insp) = s.inspection.as_ref() else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for id in &insp.found_items {
        if let Some(it) = s.item(*id) {
            // Where on the phone: a contact and a text can carry the same name.
            let place = match it.kind {
                ItemKind::Contact => "phone.contacts",
                ItemKind::Thread => "phone.messages",
                ItemKind::Photo | ItemKind::Video => "phone.gallery",
                _ => "phone.files",
            };
            lines.push(format!(
                "{} · {}",
                s.item_name(it).get(lang),
                tr.get(lang, place)
            ));
        }
    }
    // What the log shows, even of what she has deleted since: the first few pictures.
    const SHOWN: usize = 4;
    for &k in insp.found_shots.iter().take(SHOWN) {
        if let Some(sh) = s.phone.trace.get(k as usize) {
            let what = match s.item(sh.item) {
                Some(it) => s.item_name(it).get(lang).to_string(),
                None => s.world.specs[sh.spec as usize].name.get(lang).to_string(),
            };
            lines.push(tr.fmt(
                lang,
                "insp.shot",
                &[
                    ("day", (sh.day + 1).to_string()),
                    ("time", crate::report::clock(sh.minute)),
                    ("what", what),
                ],
            ));
        }
    }
    if insp.found_shots.len() > SHOWN {
        let more = insp.found_shots.len() - SHOWN;
        lines.push(tr.fmt(lang, "insp.shots_more", &[("n", more.to_string())]));
    }
    lines
}

/// The phone in an inspector's hand once searched: what they found, one under another, each
/// marked ⚠ in the warning colour (as the phone he holds up in the picture shows it).
pub(super) fn found_app(ui: &mut egui::Ui, v: &View) {
    ui.label(
        RichText::new(v.tr.get(v.lang, "insp.found"))
            .size(H2)
            .color(warn(ui)),
    );
    ui.add_space(4.0);
    let lines = found_lines(v.s, v.tr, v.lang);
    if lines.is_empty() {
        ui.label(RichText::new(v.tr.get(v.lang, "insp.found_nothing")).color(Color32::GRAY));
    }
    // As he goes through the phone, one find after another (a moment: at once with "reduce
    // motion"; the lines still to come laid out unseen, so that nothing moves).
    let (day, minute) = v.s.now();
    let key = ((day as u64) << 32) | ((minute as u64) << 16) | lines.len() as u64;
    let secs = (lines.len() as f32 * 0.35).min(3.0);
    let shown = crate::ui::motion::moment(
        ui.ctx(),
        egui::Id::new("the search, find by find"),
        key,
        secs,
        crate::ui::motion::Start::OnArrival,
    )
    .map_or(lines.len(), |t| 1 + (t * lines.len() as f32) as usize);
    for (k, l) in lines.into_iter().enumerate() {
        let colour = if k < shown {
            warn(ui)
        } else {
            Color32::TRANSPARENT
        };
        ui.label(RichText::new(format!("⚠ {l}")).color(colour));
        ui.add_space(2.0);
    }
}
