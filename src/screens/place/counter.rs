//! The counter under the trade's picture: the goods of the place standing on it, each with a
//! paper tag hung on the counter's front that is its part of the trade (its name, today's
//! price, what she has, its Buy and Sell keys with what the chosen quantity comes to, the
//! best price she knows elsewhere). Issue 35: the goods on the counter are the trade's
//! buttons, not a table under a picture.

use super::*;

/// One good's tag, in words.
pub(super) struct Row {
    pub(super) good: usize,
    /// Its digit (buy) and letter (sell): the same at every place (its place in the level's
    /// list), so a key learned at one market trades the same good at the next (issue 31).
    pub(super) row: usize,
    name: String,
    price: String,
    pub(super) have: u32,
    /// What the chosen quantity comes to, bought; sold (never more than she has: `sold`).
    pay: Option<i64>,
    get: Option<i64>,
    sold: u32,
    elsewhere: Option<String>,
}

pub(super) fn rows(g: &View, st: &GameState, qty: u32) -> Vec<Row> {
    let lang = g.lang();
    let w = st.world.clone();
    let lv = w.lv();
    (0..w.n_goods)
        .filter_map(|gi| {
            let price = st.price(gi, st.place as usize)?;
            // Selling takes what she has, never more: the tag says so.
            let have = st.stock[gi];
            let sold = qty.min(have);
            let elsewhere = best_elsewhere(st, gi).map(|(day, w, p)| {
                let at = format!("{} · {}", won(w), lv.places[p].name.get(lang));
                if day == st.day {
                    at
                } else {
                    let seen = g.tf("place.seen_on", &[("day", (day + 1).to_string())]);
                    format!("{at} ({seen})")
                }
            });
            Some(Row {
                good: gi,
                row: gi + 1,
                name: format!(
                    "{} ({})",
                    lv.goods[gi].name.get(lang),
                    lv.goods[gi].unit.get(lang)
                ),
                price: won(price),
                have,
                pay: st.trade_total(gi, st.place as usize, qty, false),
                get: (have > 0)
                    .then(|| st.trade_total(gi, st.place as usize, sold, true))
                    .flatten(),
                sold,
                elsewhere,
            })
        })
        .collect()
}

/// The least width of a tag's slot on the counter: where fewer fit, the goods stand on more
/// than one shelf (a large UI scale, a small projector).
const SLOT: f32 = 124.0;

/// The counter across the page under the picture: the goods on its top, their tags on its
/// front, as many to a shelf as fit. Returns her choice.
pub(super) fn counter(
    g: &View,
    ui: &mut egui::Ui,
    st: &GameState,
    qty: u32,
    cur: Currency,
    light: ui::art::Light,
) -> Option<Action> {
    let rows = rows(g, st, qty);
    let registered = st.lv().places[st.place as usize].stall;
    let width = ui.available_width();
    let per_shelf = ((width / SLOT).floor() as usize).clamp(1, rows.len().max(1));
    let slot = width / per_shelf as f32;
    // A key's sum at its right end where every key of the counter has room for it; else
    // under it (a large sum at a large quantity), the same on every tag.
    let inside = rows.iter().all(|r| widest_key(g, ui, r) <= slot);
    let mut act = None;
    // (The counter butts against the picture above: she stands behind it.)
    ui.add_space(-ui.spacing().item_spacing.y);
    for (k, shelf) in rows.chunks(per_shelf).enumerate() {
        let top_h = (slot * 0.42).clamp(40.0, 56.0);
        let (top, _) = ui.allocate_exact_size(egui::vec2(width, top_h), egui::Sense::hover());
        ui::art::counter_top(ui.painter(), top, light, registered);
        // (Standing on it, the goods rise over its far edge, in front of her.)
        let goods = ui.painter_at(top.with_min_y(top.top() - top_h * 0.5));
        for (i, r) in shelf.iter().enumerate() {
            let foot = egui::pos2(top.left() + slot * (i as f32 + 0.5), top.bottom() - 7.0);
            let id = &st.lv().goods[r.good].id;
            ui::art::good(&goods, foot, (top_h * 1.3).min(slot * 0.62), id);
        }
        // The front, as tall as its tags were (kept from the last frame), then the tags on it.
        let measure = ui.id().with(("counter front", k));
        let tall = ui.data(|d| d.get_temp::<f32>(measure)).unwrap_or(150.0);
        ui.add_space(-ui.spacing().item_spacing.y);
        let front = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(width, tall));
        ui::art::counter_front(ui.painter(), front, light, registered);
        // Every tag of a shelf as tall as its tallest (measured as drawn, kept for the next).
        let tallest = ui.id().with(("tag height", k));
        let least = ui.data(|d| d.get_temp::<f32>(tallest)).unwrap_or(0.0);
        let mut most = 0.0f32;
        let tags = ui.horizontal_top(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            for r in shelf {
                ui.allocate_ui_with_layout(
                    egui::vec2(slot, 0.0),
                    egui::Layout::top_down(egui::Align::Center),
                    |ui| {
                        ui.add_space(9.0);
                        let (a, own) = tag(g, ui, st, r, (qty, cur, inside), (slot - GAP, least));
                        if a.is_some() {
                            act = a;
                        }
                        most = most.max(own);
                        ui.add_space(8.0);
                    },
                );
            }
        });
        ui::room::remember(ui, measure, tags.response.rect.height(), 1.0);
        ui::room::remember(ui, tallest, most, 1.0);
    }
    act
}

/// The width a tag's slot needs for its wider key with its sum on one line ("[5] Buy
/// ₩20,505,240" at 60 kg): a slot no narrower, so that no key runs past its tag.
fn widest_key(g: &View, ui: &egui::Ui, r: &Row) -> f32 {
    let text = |t: String, size: Option<f32>| {
        let mut rich = RichText::new(t);
        if let Some(size) = size {
            rich = rich.size(size);
        }
        egui::WidgetText::from(rich)
            .into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Button,
            )
            .size()
            .x
    };
    let s = ui.spacing();
    // (With room to spare: the button's own gaps between its parts are not all counted.)
    let frame = 2.0 * s.button_padding.x + 2.0 * s.item_spacing.x + 2.0 * TAG_MARGIN + GAP + 14.0;
    let key = |k| ui::key_name(ui.ctx(), k);
    let button = egui::TextStyle::Button.resolve(ui.style()).size;
    [
        (key(ui::digit(r.row)), g.t("place.buy"), r.pay),
        (key(sell_key(r.row)), g.t("place.sell"), r.get),
    ]
    .into_iter()
    .map(|(key, verb, sum)| {
        ui::keycap::Cap::new(ui.painter(), &key, button).width()
            + 2.0 * s.icon_spacing
            + text(verb, None)
            + sum.map_or(0.0, |m| text(won(m), Some(ui::SMALL)))
    })
    .fold(0.0, f32::max)
        + frame
}

/// A good's Sell key, by its place in the level's list (from 1).
fn sell_key(row: usize) -> Key {
    [Key::Q, Key::R, Key::T, Key::H, Key::B, Key::M, Key::L][row.clamp(1, 7) - 1]
}

/// A tag's inner margin, and the gap between two tags.
const TAG_MARGIN: f32 = 5.0;
const GAP: f32 = 6.0;

/// A good's tag, hung on the counter's front, `width` wide and at least `least` tall (its
/// shelf's tallest): her choice, and how tall its words are.
fn tag(
    g: &View,
    ui: &mut egui::Ui,
    st: &GameState,
    r: &Row,
    (qty, cur, inside): (u32, Currency, bool),
    (width, least): (f32, f32),
) -> (Option<Action>, f32) {
    let paper = ui::paper(ui).lerp_to_gamma(egui::Color32::WHITE, 0.45);
    let line = ui::dim(ui).lerp_to_gamma(egui::Color32::BLACK, 0.2);
    let margin = TAG_MARGIN;
    let hung_from = ui.cursor().top() - 8.0;
    let drawn = egui::Frame::new()
        .fill(paper)
        .stroke(egui::Stroke::new(1.0, line.gamma_multiply(0.5)))
        .corner_radius(5.0)
        .shadow(ui::paper_shadow([1, 2], 4, 70))
        .inner_margin(egui::Margin {
            left: margin as i8,
            right: margin as i8,
            top: (margin + 6.0) as i8,
            bottom: margin as i8,
        })
        .show(ui, |ui| {
            ui.set_width(width - 2.0 * margin);
            ui.set_min_height(least);
            ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                tag_body(g, ui, st, r, (qty, cur, inside))
            })
        });
    // Hung from a nail in the counter's edge by a string through its punched hole (a paper
    // price tag, not a card of a table).
    let rect = drawn.response.rect;
    let hole = rect.center_top() + egui::vec2(0.0, 6.0);
    let nail = egui::pos2(hole.x, hung_from + 2.0);
    let p = ui.painter();
    p.circle_filled(hole, 3.0, egui::Color32::from_rgb(86, 58, 38));
    p.circle_stroke(hole, 3.5, egui::Stroke::new(1.0, line.gamma_multiply(0.6)));
    let twine = egui::Stroke::new(1.5, egui::Color32::from_rgb(214, 196, 156));
    p.line_segment([nail, hole + egui::vec2(-2.0, 0.0)], twine);
    p.line_segment([nail, hole + egui::vec2(2.0, 0.0)], twine);
    p.circle_filled(nail, 2.2, egui::Color32::from_rgb(70, 70, 74));
    (drawn.inner.inner, drawn.inner.response.rect.height())
}

/// What a tag says and its two keys, each with what the quantity comes to at its right end
/// (`inside`) or under it.
fn tag_body(
    g: &View,
    ui: &mut egui::Ui,
    st: &GameState,
    r: &Row,
    (qty, cur, inside): (u32, Currency, bool),
) -> Option<Action> {
    ui.spacing_mut().item_spacing.y = 3.0;
    ui.add(egui::Label::new(RichText::new(&r.name).strong()).wrap());
    ui.label(RichText::new(&r.price).size(ui::H2).strong());
    ui.label(RichText::new(format!("{} {}", g.t("place.stock"), r.have)).color(ui::dim(ui)));
    let good = st.lv().goods[r.good].name.get(g.lang()).to_string();
    let small =
        |ui: &egui::Ui, text: String| RichText::new(text).size(ui::SMALL).color(ui::dim(ui));
    let width = ui.available_width();
    let pay = r.pay.map(won);
    let get = r.get.map(won);
    let all = (r.get.is_some() && r.sold < qty)
        .then(|| g.tf("place.all_of", &[("n", r.sold.to_string())]));
    let keys = [
        (ui::digit(r.row), "place.buy", "place.buy_good", &pay, None),
        (sell_key(r.row), "place.sell", "place.sell_good", &get, all),
    ];
    let mut chosen = [false; 2];
    for (k, (key, verb, named, sum, note)) in keys.into_iter().enumerate() {
        // (Named with its sum wherever the sum is drawn: "[1] Buy rice ₩5,732".)
        let named = format!(
            "{} {}",
            g.tf(named, &[("good", good.clone())]),
            sum.as_deref().unwrap_or_default()
        );
        let named = named.trim_end();
        let beside = sum.as_deref().filter(|_| inside);
        chosen[k] = ui::key_button_sum(ui, key, &g.t(verb), beside, named, width);
        let under = sum.as_deref().filter(|_| !inside);
        let line: Vec<&str> = [note.as_deref(), under].into_iter().flatten().collect();
        if !line.is_empty() {
            ui.with_layout(egui::Layout::top_down(egui::Align::Max), |ui| {
                ui.label(small(ui, line.join(": ")));
            });
        }
    }
    let mut act = None;
    if chosen[0] {
        act = Some(Action::Buy {
            good: r.good as u16,
            qty,
            currency: cur,
        });
    }
    if chosen[1] {
        act = Some(Action::Sell {
            good: r.good as u16,
            qty: qty.min(r.have).max(1),
            currency: cur,
        });
    }
    if let Some(at) = &r.elsewhere {
        let text = format!("{}: {at}", g.t("place.elsewhere_short"));
        ui.add(egui::Label::new(small(ui, text)).wrap())
            .on_hover_text(g.t("place.elsewhere"));
    }
    act
}

/// Her keys for the quantity (one kilo at a time, or five, up to what she can carry) and for
/// the money she pays and is paid in.
pub(super) fn form_keys(ui: &egui::Ui, carry: u32, qty: &mut u32, cur: &mut Currency) {
    for (c, k) in CURRENCY_KEYS {
        if ui::pressed(ui.ctx(), k) {
            *cur = c;
        }
    }
    let up = [(Key::Plus, 1), (Key::Equals, 1), (Key::PageUp, 5)];
    let down = [(Key::Minus, 1), (Key::PageDown, 5)];
    for (k, n) in up {
        if ui::pressed(ui.ctx(), k) {
            *qty = (*qty + n).min(carry);
        }
    }
    for (k, n) in down {
        if ui::pressed(ui.ctx(), k) {
            *qty = qty.saturating_sub(n).max(1);
        }
    }
}

/// The quantity and the money, under the counter.
pub(super) fn form(g: &View, ui: &mut egui::Ui, carry: u32, qty: &mut u32, cur: &mut Currency) {
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(g.t("place.qty"));
        let q = ui.add(egui::DragValue::new(qty).range(1..=carry));
        crate::access::name(&q, egui::WidgetType::DragValue, &g.t("place.qty"));
        // (Whole on a line: "5 / kg" was broken at a large size.)
        ui.add(egui::Label::new(RichText::new(g.t("place.qty_keys")).color(ui::dim(ui))).extend());
        ui.separator();
        ui.label(g.t("place.currency"));
        for (c, k) in CURRENCY_KEYS {
            let key = ui::key_name(ui.ctx(), k);
            if ui::keycap::button(ui, &key, c.symbol(), None, Some(*cur == c), |b| b).clicked() {
                *cur = c;
            }
        }
    });
}

/// The best price for a good she has noted anywhere but here: today's notes if she has
/// any, otherwise those of the latest day she noted one (older prices say when).
fn best_elsewhere(st: &GameState, good: usize) -> Option<(u16, i64, usize)> {
    let w = &st.world;
    let notes = (0..w.n_places)
        .filter(|&p| p != st.place as usize)
        .filter_map(|p| st.notebook[p * w.n_goods + good].map(|(d, won)| (d, won, p)));
    let latest = notes.clone().map(|(d, _, _)| d).max()?;
    notes
        .filter(|&(d, _, _)| d == latest)
        .max_by_key(|&(_, won, p)| (won, p))
}
