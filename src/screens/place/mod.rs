//! A place: buying and selling at today's prices, changing money, the repair stall.

use super::shared::{Hint, Shared, View};
use super::*;
use crate::rules::*;
use crate::ui;
use bevy_egui::egui::{self, Key, RichText};

/// How much and in which currency she trades (kept while she walks).
#[derive(Resource, Clone, Copy, PartialEq)]
struct TradeForm {
    qty: u32,
    currency: Currency,
}

impl Default for TradeForm {
    fn default() -> Self {
        TradeForm {
            qty: 1,
            currency: Currency::Won,
        }
    }
}

/// The tour's place scenes: the trade at `qty` kg, the guide's note on trading read.
pub fn trade_scene(world: &mut bevy::prelude::World, qty: u32) {
    world.resource_mut::<TradeForm>().qty = qty.max(1);
    world.resource_mut::<Settings>().setup.guide_seen |= Hint::Place.bit();
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<TradeForm>().add_systems(
        EguiPrimaryContextPass,
        draw.in_set(Pass::Screen).run_if(on(Screen::Place)),
    );
}

fn draw(mut g: Shared, mut form: ResMut<TradeForm>) -> Result {
    let ctx = g.ctx()?;
    let mut form_now = *form;
    form_now.qty = form_now.qty.max(1);
    let selected = g.phone().selected;
    g.day_frame(&ctx, true, true, Some(Hint::Place), |g, ui| {
        body(ui, &g.view(), &mut form_now, selected)
    });
    form.set_if_neq(form_now);
    Ok(())
}

/// The trade at the place where she stands: its prices and her keys to buy and sell, the
/// money changer and the lenders, the phone seller, the repair stall (`selected`: the
/// phone's selected item). Returns her choices (Esc: back to the street).
fn body(ui: &mut egui::Ui, g: &View, form: &mut TradeForm, selected: Option<u32>) -> Vec<Do> {
    let lang = g.lang();
    let (mut qty, mut cur) = (form.qty.max(1), form.currency);
    let Some(s) = g.session else {
        return Vec::new();
    };
    let st = &s.state();
    let w = st.world.clone();
    let lv = w.lv();
    let here = &lv.places[st.place as usize];
    let mut act = None;
    ui::heading(
        ui,
        &format!("{} — {}", g.t("place.heading"), here.name.get(lang)),
    );
    // Where she stands, seen: the stall with the goods of the place on its counter, across
    // the page, as tall as the room the trade leaves on the screen (issue 35: the picture
    // the main thing, the buying and selling still in sight).
    // (Taller where nothing is traded: the picture is all there is.)
    let (most, aspect) = if here.prices.is_empty() {
        (340.0, 0.4)
    } else {
        (250.0, 0.32)
    };
    let (pic, room) = ui::room::picture(ui, "trade", (72.0, most), aspect, f32::INFINITY);
    place_picture(ui, st, pic.rect);
    let place = here.name.get(lang).to_string();
    crate::access::describe(&pic, &g.tf("pic.place", &[("place", place)]));
    if here.market_hours && !st.market_open() {
        ui.label(RichText::new(g.t("place.closed")).color(ui::red(ui)));
    }
    if !here.prices.is_empty() {
        if !here.stall {
            ui.label(RichText::new(g.t("place.grasshopper")).color(ui::dim(ui)));
        } else if !st.stall_paid_today {
            ui.label(
                RichText::new(g.tf("place.stall_fee", &[("won", won(lv.costs.stall_fee_won))]))
                    .color(ui::dim(ui)),
            );
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(g.t("place.qty"));
            let q = ui.add(egui::DragValue::new(&mut qty).range(1..=lv.carry_kg));
            crate::access::name(&q, egui::WidgetType::DragValue, &g.t("place.qty"));
            // (Whole on a line: "5 / kg" was broken at a large size.)
            ui.add(
                egui::Label::new(RichText::new(g.t("place.qty_keys")).color(ui::dim(ui))).extend(),
            );
            ui.separator();
            ui.label(g.t("place.currency"));
            for (c, k) in [
                (Currency::Won, Key::Z),
                (Currency::Yuan, Key::X),
                (Currency::Usd, Key::V),
            ] {
                let label = format!("[{}] {}", ui::key_name(ui.ctx(), k), c.symbol());
                if ui.selectable_label(cur == c, label).clicked() || ui::pressed(ui.ctx(), k) {
                    cur = c;
                }
            }
        });
        // One kilo at a time, or five.
        let up = [(Key::Plus, 1), (Key::Equals, 1), (Key::PageUp, 5)];
        let down = [(Key::Minus, 1), (Key::PageDown, 5)];
        for (k, n) in up {
            if ui::pressed(ui.ctx(), k) {
                qty = (qty + n).min(lv.carry_kg);
            }
        }
        for (k, n) in down {
            if ui::pressed(ui.ctx(), k) {
                qty = qty.saturating_sub(n).max(1);
            }
        }
        if let Some(a) = goods_grid(g, ui, st, qty, cur) {
            act = Some(a);
        }
    } else if !here.changer && here.kind != PlaceKind::RepairStall {
        ui.label(g.t("place.nothing"));
    }
    // The money changer, the lenders, the phone seller, the repair stall and the way back.
    let block = ui.scope(|ui| {
        if here.changer {
            act = act.take().or(changer(g, ui, st));
            act = act.take().or(lenders(g, ui, st));
        }
        if here.kind == PlaceKind::Market
            && !st.phone.present
            && ui::key_button(
                ui,
                Key::G,
                &g.tf(
                    "place.buy_phone",
                    &[("yuan", lv.costs.new_phone_yuan.to_string())],
                ),
            )
        {
            act = Some(Action::BuyPhone {
                currency: Currency::Yuan,
            });
        }
        if here.kind == PlaceKind::RepairStall && st.phone.present {
            act = act.take().or(repair(g, ui, st, selected));
        }
        ui.add_space(10.0);
        ui::key_button(ui, Key::Escape, &g.t("place.back"))
    });
    let back = block.inner;
    // (All of it under the picture: grown into room that is not there, the picture would
    // bring a scroll bar, which narrows the table until it turns to cards.)
    room.end(ui);
    *form = TradeForm { qty, currency: cur };
    let back = back.then_some(Do::Go(Screen::Street));
    act.map(Do::Act).into_iter().chain(back).collect()
}

/// Where she stands in `r`, the stall and its goods drawn, in the light of the hour.
fn place_picture(ui: &mut egui::Ui, st: &GameState, r: egui::Rect) {
    let w = st.world.clone();
    let lv = w.lv();
    let goods: Vec<&str> = (0..w.n_goods)
        .filter(|&gi| st.price(gi, st.place as usize).is_some())
        .map(|gi| lv.goods[gi].id.as_str())
        .collect();
    ui::art::place_scene(
        &ui.painter_at(r),
        r,
        lv.places[st.place as usize].kind,
        ui::art::Light::at(st.minute),
        &goods,
        lv.places[st.place as usize].stall,
    );
}

/// A good as it lies on the stall, drawn beside its name (issue 35: the goods seen, not
/// only read).
fn good_icon(ui: &mut egui::Ui, id: &str) {
    let (r, _) = ui.allocate_exact_size(egui::vec2(24.0, 20.0), egui::Sense::hover());
    ui::art::good(ui.painter(), r.center_bottom(), 22.0, id);
}

/// One good's row of the trade table, in words.
struct Row {
    good: usize,
    /// Its digit (buy) and letter (sell): the same at every place (its place in the level's
    /// list), so a key learned at one market trades the same good at the next (issue 31).
    row: usize,
    name: String,
    price: String,
    have: u32,
    /// What the chosen quantity comes to, bought / sold (her own trade moves the price).
    for_qty: String,
    elsewhere: String,
}

fn rows(g: &View, st: &GameState, qty: u32) -> Vec<Row> {
    let lang = g.lang();
    let w = st.world.clone();
    let lv = w.lv();
    (0..w.n_goods)
        .filter_map(|gi| {
            let price = st.price(gi, st.place as usize)?;
            // Selling takes what she has, never more: the column says so.
            let have = st.stock[gi];
            let sold = qty.min(have);
            let pay = st.trade_total(gi, st.place as usize, qty, false);
            let get = st.trade_total(gi, st.place as usize, sold.max(1), true);
            let for_qty = match (pay, get) {
                (Some(pay), _) if have == 0 => format!("{} / —", won(pay)),
                (Some(pay), Some(get)) if sold < qty => format!(
                    "{} / {}\n({})",
                    won(pay),
                    won(get),
                    g.tf("place.all_of", &[("n", sold.to_string())])
                ),
                (Some(pay), Some(get)) => format!("{} / {}", won(pay), won(get)),
                _ => "—".into(),
            };
            let elsewhere = match best_elsewhere(st, gi) {
                None => "—".into(),
                Some((day, w, p)) if day == st.day => {
                    format!("{} · {}", won(w), lv.places[p].name.get(lang))
                }
                Some((day, w, p)) => format!(
                    "{} · {} ({})",
                    won(w),
                    lv.places[p].name.get(lang),
                    g.tf("place.seen_on", &[("day", (day + 1).to_string())])
                ),
            };
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
                for_qty,
                elsewhere,
            })
        })
        .collect()
}

/// The Buy and Sell buttons of a row, each named for a reader ("[1] Buy rice").
fn trade_buttons(
    g: &View,
    ui: &mut egui::Ui,
    st: &GameState,
    r: &Row,
    qty: u32,
    cur: Currency,
) -> Option<Action> {
    let good = st.lv().goods[r.good].name.get(g.lang()).to_string();
    let mut act = None;
    let named = g.tf("place.buy_good", &[("good", good.clone())]);
    if ui::key_button_named(ui, ui::digit(r.row), &g.t("place.buy"), true, Some(&named)) {
        act = Some(Action::Buy {
            good: r.good as u16,
            qty,
            currency: cur,
        });
    }
    let sell_key = [Key::Q, Key::R, Key::T, Key::H, Key::B, Key::M, Key::L][(r.row - 1).min(6)];
    let named = g.tf("place.sell_good", &[("good", good)]);
    if ui::key_button_named(ui, sell_key, &g.t("place.sell"), true, Some(&named)) {
        act = Some(Action::Sell {
            good: r.good as u16,
            qty: qty.min(r.have).max(1),
            currency: cur,
        });
    }
    act
}

/// Today's prices here and the best she knows elsewhere, with a buy and a sell key a row:
/// a table where it fits, a card a good where it does not (a large UI scale, a small
/// projector). The table's width is measured as it is drawn (it depends on the language and
/// the quantity) and kept for the next frame's choice.
/// The buttons come first and what is longest wraps last: at any quantity, scale or language
/// every Buy and Sell button is inside the window and nothing needs a sideways scroll
/// (issue 31, point 1).
fn goods_grid(
    g: &View,
    ui: &mut egui::Ui,
    st: &GameState,
    qty: u32,
    cur: Currency,
) -> Option<Action> {
    let mut act = None;
    let rows = rows(g, st, qty);
    let lv_goods = &st.lv().goods;
    let measured = ui.id().with("trade-table-width");
    // (Before the table was ever drawn: about what it takes in English at 1 kg.)
    let need = ui.data(|d| d.get_temp::<f32>(measured)).unwrap_or(860.0);
    if ui.available_width() < need {
        let for_qty = g.tf("place.for_qty", &[("qty", qty.to_string())]);
        for r in &rows {
            ui.separator();
            ui.horizontal_wrapped(|ui| {
                if let Some(a) = trade_buttons(g, ui, st, r, qty, cur) {
                    act = Some(a);
                }
                good_icon(ui, &lv_goods[r.good].id);
                ui.label(RichText::new(&r.name).strong());
                ui.label(RichText::new(&r.price).strong());
            });
            let line = format!(
                "{} {} · {}: {} · {}: {}",
                g.t("place.stock"),
                r.have,
                for_qty,
                r.for_qty.replace('\n', " "),
                g.t("place.elsewhere"),
                r.elsewhere
            );
            ui.add(egui::Label::new(RichText::new(line).color(ui::dim(ui))).wrap());
        }
        return act;
    }
    let drawn = egui::Grid::new("trade")
        .striped(true)
        .spacing([14.0, 6.0])
        .show(ui, |ui| {
            ui.label("");
            for h in ["place.good", "place.here", "place.stock"] {
                ui.label(RichText::new(g.t(h)).strong());
            }
            ui.label(RichText::new(g.tf("place.for_qty", &[("qty", qty.to_string())])).strong());
            ui.label(RichText::new(g.t("place.elsewhere")).strong());
            ui.end_row();
            for r in &rows {
                ui.horizontal(|ui| {
                    if let Some(a) = trade_buttons(g, ui, st, r, qty, cur) {
                        act = Some(a);
                    }
                });
                ui.horizontal(|ui| {
                    good_icon(ui, &lv_goods[r.good].id);
                    ui.label(&r.name);
                });
                ui.label(RichText::new(&r.price).strong());
                ui.label(r.have.to_string());
                ui.label(&r.for_qty);
                ui.add(egui::Label::new(&r.elsewhere).wrap());
                ui.end_row();
            }
        });
    let width = drawn.response.rect.width();
    ui.data_mut(|d| d.insert_temp(measured, width));
    act
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

/// The money changer: the day's rates and three exchanges.
/// Private lenders by the money changers: borrow a third of what they lend, repay what
/// her won covers.
fn lenders(g: &View, ui: &mut egui::Ui, st: &GameState) -> Option<Action> {
    let h = &st.lv().household;
    let mut act = None;
    ui.add_space(8.0);
    // (Each on one line with its heading: the room goes to the picture above.)
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(g.tf("place.loans", &[("days", h.loan_days.to_string())])).strong());
        let lend = h.loan_max_won / 3;
        if ui::key_button(ui, Key::F, &g.tf("place.borrow", &[("money", won(lend))])) {
            act = Some(Action::Borrow { won: lend });
        }
        let owed = st.home.debt();
        if owed > 0 {
            let pay = owed.min(st.wallet.won);
            if ui::key_button(ui, Key::I, &g.tf("place.repay", &[("money", won(pay))])) {
                act = Some(Action::Repay { won: pay });
            }
            ui.label(
                RichText::new(g.tf("evening.debt", &[("money", won(owed))])).color(ui::red(ui)),
            );
        }
    });
    act
}

fn changer(g: &View, ui: &mut egui::Ui, st: &GameState) -> Option<Action> {
    let mut act = None;
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(g.t("place.exchange")).strong());
        let (usd, cny) = st.rates();
        ui.label(format!("$1 = {}   ¥1 = {}", won(usd), won(cny)));
        for (from, to, amount, key) in [
            (Currency::Yuan, Currency::Won, 100, Key::A),
            (Currency::Usd, Currency::Won, 10, Key::S),
            (Currency::Won, Currency::Yuan, 100_000, Key::D),
        ] {
            let label = g.tf(
                "place.exchange_all",
                &[
                    ("amount", crate::rules::money(from, amount)),
                    ("to", g.t(currency_key(to))),
                ],
            );
            if ui::key_button(ui, key, &label) {
                act = Some(Action::Exchange { from, to, amount });
            }
        }
    });
    act
}

/// The repair stall: wipe the screenshot log, or give the selected file a state signature.
fn repair(g: &View, ui: &mut egui::Ui, st: &GameState, selected: Option<u32>) -> Option<Action> {
    let lv = st.lv();
    let mut act = None;
    ui.add_space(8.0);
    let c = &lv.costs;
    if ui::key_button(
        ui,
        Key::A,
        &g.tf(
            "place.wipe",
            &[
                ("won", won(c.repair_wipe_won)),
                ("min", c.repair_wipe_minutes.to_string()),
            ],
        ),
    ) {
        act = Some(Action::RepairWipe);
    }
    if let Some(item) = selected
        && ui::key_button(
            ui,
            Key::S,
            &g.tf(
                "place.convert",
                &[
                    ("won", won(c.repair_convert_won)),
                    ("min", c.repair_convert_minutes.to_string()),
                ],
            ),
        )
    {
        act = Some(Action::RepairConvert { item });
    }
    act
}

fn currency_key(c: Currency) -> &'static str {
    match c {
        Currency::Won => "cur.won",
        Currency::Yuan => "cur.yuan",
        Currency::Usd => "cur.usd",
    }
}

#[cfg(test)]
mod tests;
