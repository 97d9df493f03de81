//! The screens of a day: briefing, morning at home, the street map, a place, the evening.

use super::*;
use bevy_egui::egui::{Key, RichText};

fn frame(
    g: &mut Game,
    ctx: &egui::Context,
    phone_keys: bool,
    body: impl FnOnce(&mut Game, &mut egui::Ui) -> Option<Action>,
) {
    frame_with(g, ctx, phone_keys, false, body)
}

/// The screens of the day: status on top, the phone at the right, the screen's body
/// (in a scroll area where it may not fit at a large UI scale).
fn frame_with(
    g: &mut Game,
    ctx: &egui::Context,
    phone_keys: bool,
    scroll: bool,
    body: impl FnOnce(&mut Game, &mut egui::Ui) -> Option<Action>,
) {
    let mut root = ui::root(ctx);
    egui::Panel::top("status").show(&mut root, |ui| status(g, ui));
    let from_phone = phone_panel(g, &mut root, phone_keys);
    let mut from_body = None;
    egui::CentralPanel::default().show(&mut root, |ui| {
        if scroll {
            egui::ScrollArea::both()
                .auto_shrink([false, false])
                .show(ui, |ui| from_body = body(g, ui));
        } else {
            from_body = body(g, ui);
        }
    });
    if let Some(a) = from_body.or(from_phone) {
        g.act(a);
    }
}

pub fn briefing(g: &mut Game, ctx: &egui::Context) {
    let lang = g.settings.lang;
    let mut begin = false;
    let mut root = ui::root(ctx);
    egui::CentralPanel::default().show(&mut root, |ui| {
        let Some(s) = g.session.as_ref() else { return };
        let lv = s.state.lv();
        ui.vertical_centered(|ui| {
            ui.set_max_width(820.0);
            ui.add_space(20.0);
            ui::heading(
                ui,
                &format!("{} — {}", g.t("briefing.heading"), lv.title.get(lang)),
            );
            ui.add_space(8.0);
            ui.label(RichText::new(lv.summary.get(lang)).size(ui::H2 - 2.0));
            ui.add_space(14.0);
            egui::Grid::new("brief")
                .num_columns(2)
                .spacing([30.0, 10.0])
                .show(ui, |ui| {
                    ui.label(RichText::new(g.t("briefing.family")).strong());
                    ui.vertical(|ui| {
                        for m in &lv.family.members {
                            ui.label(format!("{} — {}", m.name.get(lang), m.role.get(lang)));
                        }
                        ui.label(g.tf(
                            "morning.needs",
                            &[("kg", lv.family.grain_kg_per_day.to_string())],
                        ));
                    });
                    ui.end_row();
                    ui.label(RichText::new(g.t("briefing.money")).strong());
                    ui.label(format!(
                        "{}   ¥{}   ${}",
                        ui::won(lv.money.won),
                        lv.money.yuan,
                        lv.money.usd
                    ));
                    ui.end_row();
                    ui.label(RichText::new(g.t("briefing.phone")).strong());
                    ui.label(g.tf(
                        "briefing.phone_items",
                        &[
                            ("model", lv.phone_model.get(lang).to_string()),
                            ("n", s.state.phone.items.len().to_string()),
                        ],
                    ));
                    ui.end_row();
                });
            ui.add_space(20.0);
            begin = ui::key_button(ui, Key::Enter, &g.t("briefing.begin"));
        });
    });
    if begin {
        g.go(Screen::Morning);
    }
}

pub fn morning(g: &mut Game, ctx: &egui::Context) {
    let lang = g.settings.lang;
    let mut go = false;
    let mut restart: Option<usize> = None;
    frame(g, ctx, true, |g, ui| {
        let s = g.session.as_ref()?;
        let st = &s.state;
        let lv = st.lv();
        ui::heading(ui, &g.t("morning.heading"));
        ui.label(g.tf(
            "morning.needs",
            &[("kg", lv.family.grain_kg_per_day.to_string())],
        ));
        ui.add_space(8.0);
        ui::subheading(ui, &g.t("morning.messages"));
        let lines: Vec<String> = s
            .morning
            .iter()
            .filter_map(|e| match e {
                Event::MessageArrived { item, .. } | Event::InfoArrived { item, .. } => {
                    st.item(*item).map(|it| {
                        let spec = &st.world.specs[it.spec as usize];
                        format!("✉ {}: {}", st.item_name(it).get(lang), spec.body.get(lang))
                    })
                }
                Event::AutoDeleted { .. } => Some(format!("🗑 {}", g.t("did.autodeleted"))),
                _ => None,
            })
            .collect();
        let days_started = s.day_starts.len();
        if lines.is_empty() {
            ui.label(RichText::new(g.t("morning.none")).color(ui::DIM));
        } else {
            let text = lines.join("\n");
            let shown = g.reveal(ui.ctx(), &text);
            ui.label(RichText::new(shown).size(ui::BODY + 1.0));
        }
        ui.add_space(14.0);
        go = ui::key_button(ui, Key::Enter, &g.t("morning.go"));
        if days_started > 1 {
            ui.add_space(14.0);
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(g.t("morning.restart")).color(ui::DIM));
                // Shift + the day's number restarts it.
                for d in 0..days_started - 1 {
                    let key = ui::digit((d + 1) % 10);
                    let label = format!("[Shift+{}] {} {}", (d + 1) % 10, g.t("common.day"), d + 1);
                    let shift = ui.input(|i| i.modifiers.shift && i.key_pressed(key));
                    if ui.small_button(label).clicked() || (shift && d < 9) {
                        restart = Some(d);
                    }
                }
            });
        }
        None
    });
    if go {
        g.go(Screen::Street);
    }
    if let Some(d) = restart
        && let Some(s) = g.session.as_ref()
    {
        match crate::platform::restore(&crate::platform::save_of(s), Some(d)) {
            Ok(new) => {
                g.commands.insert_resource(new);
            }
            Err(e) => g.menu.message = Some(e),
        }
    }
}

pub fn street(g: &mut Game, ctx: &egui::Context) {
    let lang = g.settings.lang;
    let mut trade = false;
    frame(g, ctx, true, |g, ui| {
        let s = g.session.as_ref()?;
        let st = &s.state;
        let w = st.world.clone();
        let lv = w.lv();
        let d = st.date();
        if let Some(c) = lv.campaigns.iter().find(|c| c.from <= d && d <= c.to) {
            ui.label(
                RichText::new(g.tf("street.campaign", &[("name", c.name.get(lang).to_string())]))
                    .color(ui::RED)
                    .strong(),
            );
        }
        let h = (ui.available_height() - 120.0).max(260.0);
        let mut act = ui::map::draw(ui, st, lang, h).map(|to| Action::Travel { to });
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(g.t("street.walk")).strong());
            for (k, &(to, r)) in w.adj[st.place as usize].iter().enumerate() {
                let route = &lv.routes[r as usize];
                let label = format!(
                    "{} ({}′)",
                    lv.places[to as usize].name.get(lang),
                    route.minutes
                );
                if ui::key_button(ui, ui::digit(k + 1), &label) {
                    act = Some(Action::Travel { to });
                }
            }
        });
        ui.horizontal(|ui| {
            let here = &lv.places[st.place as usize];
            let trades =
                !here.prices.is_empty() || here.changer || here.kind == PlaceKind::RepairStall;
            if trades && ui::key_button(ui, Key::P, &g.t("street.trade")) {
                trade = true;
            }
            if ui::key_button(ui, Key::E, &g.t("street.end_day")) {
                act = Some(Action::EndDay);
            }
        });
        act
    });
    if trade {
        g.go(Screen::Place);
    }
}

pub fn place(g: &mut Game, ctx: &egui::Context) {
    let lang = g.settings.lang;
    let mut back = false;
    let mut qty = g.menu.qty.max(1);
    let mut cur = g.menu.currency.unwrap_or(Currency::Won);
    let selected = g.phone.selected;
    frame_with(g, ctx, true, true, |g, ui| {
        let s = g.session.as_ref()?;
        let st = &s.state;
        let w = st.world.clone();
        let lv = w.lv();
        let here = &lv.places[st.place as usize];
        let mut act = None;
        ui::heading(
            ui,
            &format!("{} — {}", g.t("place.heading"), here.name.get(lang)),
        );
        if here.market_hours && !st.market_open() {
            ui.label(RichText::new(g.t("place.closed")).color(ui::RED));
        }
        if !here.prices.is_empty() {
            if !here.stall {
                ui.label(RichText::new(g.t("place.grasshopper")).color(ui::DIM));
            } else if !st.stall_paid_today {
                ui.label(
                    RichText::new(g.tf(
                        "place.stall_fee",
                        &[("won", ui::won(lv.costs.stall_fee_won))],
                    ))
                    .color(ui::DIM),
                );
            }
            ui.horizontal(|ui| {
                ui.label(g.t("place.qty"));
                ui.add(egui::DragValue::new(&mut qty).range(1..=lv.carry_kg));
                ui.label(RichText::new("[PgUp/PgDn]").color(ui::DIM));
                ui.separator();
                ui.label(g.t("place.currency"));
                for (c, k) in [
                    (Currency::Won, Key::Z),
                    (Currency::Yuan, Key::X),
                    (Currency::Usd, Key::V),
                ] {
                    let label = format!("[{}] {}", ui::key_name(k), c.symbol());
                    if ui.selectable_label(cur == c, label).clicked() || ui::pressed(ui.ctx(), k) {
                        cur = c;
                    }
                }
            });
            if ui::pressed(ui.ctx(), Key::PageUp) {
                qty = (qty + 5).min(lv.carry_kg);
            }
            if ui::pressed(ui.ctx(), Key::PageDown) {
                qty = qty.saturating_sub(5).max(1);
            }
            egui::Grid::new("trade")
                .striped(true)
                .spacing([18.0, 6.0])
                .show(ui, |ui| {
                    for h in ["place.good", "place.here", "place.elsewhere", "place.stock"] {
                        ui.label(RichText::new(g.t(h)).strong());
                    }
                    ui.label("");
                    ui.end_row();
                    let mut row = 0;
                    for gi in 0..w.n_goods {
                        let Some(price) = st.price(gi, st.place as usize) else {
                            continue;
                        };
                        row += 1;
                        ui.label(format!(
                            "{} ({})",
                            lv.goods[gi].name.get(lang),
                            lv.goods[gi].unit.get(lang)
                        ));
                        ui.label(RichText::new(ui::won(price)).strong());
                        let best = (0..w.n_places)
                            .filter(|&p| p != st.place as usize)
                            .filter_map(|p| {
                                st.notebook[p * w.n_goods + gi]
                                    .filter(|(d, _)| *d == st.day)
                                    .map(|(_, won)| (won, p))
                            })
                            .max();
                        ui.label(best.map_or("—".into(), |(won, p)| {
                            format!("{} · {}", ui::won(won), lv.places[p].name.get(lang))
                        }));
                        ui.label(format!("{}", st.stock[gi]));
                        ui.horizontal(|ui| {
                            if ui::key_button(ui, ui::digit(row), &g.t("place.buy")) {
                                act = Some(Action::Buy {
                                    good: gi as u16,
                                    qty,
                                    currency: cur,
                                });
                            }
                            let sell_key = [Key::Q, Key::R, Key::T, Key::H, Key::B, Key::M, Key::L]
                                [(row - 1).min(6)];
                            if ui::key_button(ui, sell_key, &g.t("place.sell")) {
                                act = Some(Action::Sell {
                                    good: gi as u16,
                                    qty: qty.min(st.stock[gi]).max(1),
                                    currency: cur,
                                });
                            }
                        });
                        ui.end_row();
                    }
                });
        } else if !here.changer && here.kind != PlaceKind::RepairStall {
            ui.label(g.t("place.nothing"));
        }
        if here.changer {
            ui.add_space(8.0);
            ui.label(RichText::new(g.t("place.exchange")).strong());
            ui.horizontal_wrapped(|ui| {
                let (usd, cny) = st.rates();
                ui.label(format!("$1 = {}   ¥1 = {}", ui::won(usd), ui::won(cny)));
                for (from, to, amount, key) in [
                    (Currency::Yuan, Currency::Won, 100, Key::A),
                    (Currency::Usd, Currency::Won, 10, Key::S),
                    (Currency::Won, Currency::Yuan, 100_000, Key::D),
                ] {
                    let label = g.tf(
                        "place.exchange_all",
                        &[
                            ("amount", amount.to_string()),
                            ("from", g.t(currency_key(from))),
                            ("to", g.t(currency_key(to))),
                        ],
                    );
                    if ui::key_button(ui, key, &label) {
                        act = Some(Action::Exchange { from, to, amount });
                    }
                }
            });
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
            ui.add_space(8.0);
            let c = &lv.costs;
            if ui::key_button(
                ui,
                Key::A,
                &g.tf(
                    "place.wipe",
                    &[
                        ("won", ui::won(c.repair_wipe_won)),
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
                            ("won", ui::won(c.repair_convert_won)),
                            ("min", c.repair_convert_minutes.to_string()),
                        ],
                    ),
                )
            {
                act = Some(Action::RepairConvert { item });
            }
        }
        ui.add_space(10.0);
        if ui::key_button(ui, Key::Escape, &g.t("place.back")) {
            back = true;
        }
        act
    });
    g.menu.qty = qty;
    g.menu.currency = Some(cur);
    if back {
        g.go(Screen::Street);
    }
}

pub fn evening(g: &mut Game, ctx: &egui::Context) {
    let mut next = false;
    frame(g, ctx, true, |g, ui| {
        let s = g.session.as_ref()?;
        let l = s.evening.unwrap_or_default();
        ui::heading(
            ui,
            &format!(
                "{} — {} {}",
                g.t("evening.heading"),
                g.t("common.day"),
                l.day + 1
            ),
        );
        ui.add_space(8.0);
        egui::Grid::new("ledger")
            .num_columns(2)
            .spacing([40.0, 8.0])
            .show(ui, |ui| {
                for (k, v, sign) in [
                    ("evening.sales", l.sales, 1),
                    ("evening.purchases", l.purchases, -1),
                    ("evening.food", l.food, -1),
                    ("evening.topup", l.topup, -1),
                    ("evening.fees", l.fees, -1),
                    ("evening.bribes", l.bribes, -1),
                    ("evening.fines", l.fines, -1),
                ] {
                    ui.label(g.t(k));
                    let color = if sign > 0 {
                        ui::GREEN
                    } else if v > 0 {
                        ui::RED
                    } else {
                        ui::DIM
                    };
                    ui.label(
                        RichText::new(format!(
                            "{}{}",
                            if sign > 0 { "+" } else { "−" },
                            ui::won(v)
                        ))
                        .color(color)
                        .strong(),
                    );
                    ui.end_row();
                }
                ui.label(RichText::new(g.t("evening.worth")).strong());
                ui.label(RichText::new(ui::won(l.net_worth)).strong().size(ui::H2));
                ui.end_row();
            });
        ui.add_space(8.0);
        if l.hungry {
            ui.label(
                RichText::new(g.t("evening.hungry"))
                    .color(ui::RED)
                    .size(ui::H2),
            );
        } else {
            ui.label(RichText::new(g.t("evening.fed")).color(ui::GREEN));
        }
        ui.label(g.tf(
            "evening.phone",
            &[
                ("items", l.items.to_string()),
                ("risky", l.risky_items.to_string()),
                ("trace", l.trace.to_string()),
            ],
        ));
        ui.add_space(14.0);
        next = ui::key_button(ui, Key::Enter, &g.t("evening.next"));
        None
    });
    if next {
        g.go(Screen::Morning);
    }
}

fn currency_key(c: Currency) -> &'static str {
    match c {
        Currency::Won => "cur.won",
        Currency::Yuan => "cur.yuan",
        Currency::Usd => "cur.usd",
    }
}
