//! The window: a first playable front end over the rules (Bevy + egui). Every choice
//! becomes an `Action` applied through `rules::apply`; the screens only read the state.

mod describe;

use crate::rules::*;
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};
use std::sync::Arc;

/// Korean-capable font (NanumGothic, SIL OFL 1.1), subset to the characters the game uses.
const FONT: &[u8] = include_bytes!("../../assets/fonts/NanumGothic-subset.ttf");

#[derive(Clone, Copy, PartialEq, Eq)]
enum Screen {
    Title,
    Play,
    Ended,
}

#[derive(Resource)]
struct Session {
    state: GameState,
    rng: Rng,
    log: Vec<Action>,
    feed: Vec<String>,
    lang: Lang,
    screen: Screen,
    bribe: i64,
    bribe_currency: Currency,
    qty: u32,
    fonts_ready: bool,
    scale: f32,
}

impl Session {
    fn act(&mut self, a: Action) {
        let ev = apply(&mut self.state, a.clone(), &mut self.rng);
        self.log.push(a);
        for e in &ev {
            if let Some(line) = describe::event(&self.state, e, self.lang) {
                self.feed.push(line);
            }
        }
        let n = self.feed.len();
        if n > 60 {
            self.feed.drain(..n - 60);
        }
        if self.state.ending.is_some() {
            self.screen = Screen::Ended;
        }
    }

    fn t<'a>(&self, en: &'a str, ko: &'a str) -> &'a str {
        if self.lang == Lang::Ko { ko } else { en }
    }
}

/// Opens the window; returns the process exit status.
pub fn run(level: Option<String>, seed: Option<u64>) -> i32 {
    let level = level.unwrap_or_else(|| "01".into());
    let world: Arc<crate::rules::World> = match crate::content::load_level(&level) {
        Ok(w) => w,
        Err(problems) => {
            for p in problems {
                eprintln!("{p}");
            }
            return 1;
        }
    };
    let seed = seed.unwrap_or(2024);
    let mut rng = new_rng(seed);
    let (state, ev) = new_game(world, &mut rng);
    let mut session = Session {
        state,
        rng,
        log: Vec::new(),
        feed: Vec::new(),
        lang: Lang::En,
        screen: Screen::Title,
        bribe: 20000,
        bribe_currency: Currency::Won,
        qty: 10,
        fonts_ready: false,
        scale: 1.25,
    };
    for e in &ev {
        if let Some(line) = describe::event(&session.state, e, session.lang) {
            session.feed.push(line);
        }
    }
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "Haeju Trader".into(),
                resolution: (1280u32, 720u32).into(),
                ..default()
            }),
            ..default()
        }))
        .add_plugins(EguiPlugin::default())
        .insert_resource(session)
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
        })
        .add_systems(EguiPrimaryContextPass, ui)
        .run();
    0
}

fn setup_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts
        .font_data
        .insert("nanum".into(), Arc::new(egui::FontData::from_static(FONT)));
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("nanum".into());
    }
    ctx.set_fonts(fonts);
}

fn ui(mut contexts: EguiContexts, mut s: ResMut<Session>) -> Result {
    let ctx = contexts.ctx_mut()?;
    if !s.fonts_ready {
        setup_fonts(ctx);
        s.fonts_ready = true;
    }
    ctx.set_pixels_per_point(s.scale);
    let keys = ctx.input(|i| {
        [
            egui::Key::L,
            egui::Key::Enter,
            egui::Key::E,
            egui::Key::H,
            egui::Key::T,
            egui::Key::B,
            egui::Key::R,
            egui::Key::Plus,
            egui::Key::Minus,
        ]
        .map(|k| i.key_pressed(k))
    });
    if keys[0] {
        s.lang = if s.lang == Lang::En {
            Lang::Ko
        } else {
            Lang::En
        };
    }
    if keys[7] {
        s.scale = (s.scale + 0.25).min(2.5);
    }
    if keys[8] {
        s.scale = (s.scale - 0.25).max(0.75);
    }
    let mut root = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    match s.screen {
        Screen::Title => title(&mut root, &mut s, keys[1]),
        Screen::Play => play(ctx, &mut root, &mut s, &keys),
        Screen::Ended => ended(&mut root, &s),
    }
    Ok(())
}

fn title(root: &mut egui::Ui, s: &mut Session, enter: bool) {
    let lang = s.lang;
    egui::CentralPanel::default().show(root, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading(egui::RichText::new(s.t("Haeju Trader", "해주 장사꾼")).size(40.0));
            ui.add_space(20.0);
            let lv = s.state.lv();
            ui.label(egui::RichText::new(lv.title.get(lang)).size(22.0));
            ui.add_space(10.0);
            ui.label(lv.summary.get(lang));
            ui.add_space(30.0);
            if ui.button(s.t("Start  [Enter]", "시작  [Enter]")).clicked() || enter {
                s.screen = Screen::Play;
            }
            ui.add_space(10.0);
            ui.label(s.t(
                "[L] 한국어   [+/-] text size",
                "[L] English   [+/-] 글자 크기",
            ));
        });
    });
}

fn money(s: &GameState) -> String {
    format!("₩{}  ¥{}  ${}", s.wallet.won, s.wallet.yuan, s.wallet.usd)
}

fn play(ctx: &egui::Context, root: &mut egui::Ui, s: &mut Session, keys: &[bool; 9]) {
    let lang = s.lang;
    let w = s.state.world.clone();
    let lv = w.lv();
    let st = &s.state;
    let (h, m) = (st.minute / 60, st.minute % 60);
    let header = format!(
        "{}  {:02}:{:02}  ·  {} {}/{}  ·  {}  ·  {}",
        st.date(),
        h,
        m,
        s.t("day", "날"),
        st.day + 1,
        lv.days,
        lv.places[st.place as usize].name.get(lang),
        money(st),
    );
    egui::Panel::top("status").show(root, |ui| {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(header).size(18.0).strong());
        });
    });
    let mut action: Option<Action> = None;
    // The phone, the main screen of the game.
    egui::Panel::right("phone")
        .min_size(330.0)
        .show(root, |ui| {
            phone(ui, s, &mut action);
        });
    egui::Panel::bottom("feed")
        .min_size(150.0)
        .show(root, |ui| {
            egui::ScrollArea::vertical()
                .stick_to_bottom(true)
                .show(ui, |ui| {
                    for line in &s.feed {
                        ui.label(line);
                    }
                });
        });
    egui::CentralPanel::default().show(root, |ui| {
        map(ui, s, &mut action);
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| trade(ui, s, &mut action));
    });
    if s.state.inspection.is_some() {
        inspection(ctx, s, keys, &mut action);
    } else if keys[2] {
        action = Some(Action::EndDay);
    }
    if let Some(a) = action {
        s.act(a);
    }
}

fn phone(ui: &mut egui::Ui, s: &mut Session, action: &mut Option<Action>) {
    let lang = s.lang;
    let st = &s.state;
    let lv = st.lv();
    egui::Frame::new()
        .fill(egui::Color32::from_rgb(24, 26, 30))
        .corner_radius(18.0)
        .inner_margin(12.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(format!("{} · 3G", lv.phone_model.get(lang)))
                        .color(egui::Color32::LIGHT_GRAY),
                );
                ui.label(
                    egui::RichText::new(format!("{:02}:{:02}", st.minute / 60, st.minute % 60))
                        .color(egui::Color32::LIGHT_GRAY),
                );
            });
            ui.separator();
            if !st.phone.present {
                ui.label(
                    egui::RichText::new(
                        s.t("No phone: it was confiscated.", "손전화 없음: 압수되었다."),
                    )
                    .color(egui::Color32::LIGHT_RED),
                );
                return;
            }
            ui.label(
                egui::RichText::new(format!(
                    "{}: {}  ·  {}: {}",
                    s.t("Items", "항목"),
                    st.phone.items.len(),
                    s.t("Trace Viewer", "추적 보기"),
                    st.phone.trace.len()
                ))
                .color(egui::Color32::WHITE),
            );
            egui::ScrollArea::vertical()
                .max_height(ui.available_height() - 10.0)
                .show(ui, |ui| {
                    for it in &st.phone.items {
                        let spec = &st.world.specs[it.spec as usize];
                        let mut name = st.item_name(it).get(lang).to_string();
                        if it.storage == Storage::Sd {
                            name = format!("[SD] {name}");
                        }
                        if it.pending_info.is_some() {
                            name = format!("✉ {name}");
                        }
                        let color = if it.flags != 0 {
                            egui::Color32::from_rgb(255, 170, 120)
                        } else {
                            egui::Color32::WHITE
                        };
                        ui.horizontal(|ui| {
                            ui.label(
                                egui::RichText::new(format!("{:?}", it.kind))
                                    .small()
                                    .color(egui::Color32::GRAY),
                            );
                            ui.label(egui::RichText::new(name).color(color));
                        });
                        if !spec.body.en.is_empty() {
                            ui.label(
                                egui::RichText::new(spec.body.get(lang))
                                    .small()
                                    .color(egui::Color32::LIGHT_GRAY),
                            );
                        }
                        ui.horizontal(|ui| {
                            if it.pending_info.is_some() {
                                if ui.small_button(s.t("Forward", "전달")).clicked() {
                                    *action = Some(Action::Forward { item: it.id });
                                }
                                if ui.small_button(s.t("Keep", "보관")).clicked() {
                                    *action = Some(Action::Keep { item: it.id });
                                }
                            }
                            if ui.small_button(s.t("Delete", "삭제")).clicked() {
                                *action = Some(Action::Delete { item: it.id });
                            }
                            if it.has(Flag::Heart)
                                && ui.small_button(s.t("Remove ♥", "♥ 지우기")).clicked()
                            {
                                *action = Some(Action::RemoveHeart { item: it.id });
                            }
                            if it.has(Flag::Oppa)
                                && ui.small_button(s.t("Rename", "이름 바꾸기")).clicked()
                            {
                                *action = Some(Action::Rename {
                                    item: it.id,
                                    name: "동지".into(),
                                });
                            }
                            if st.world.spec_knows[it.spec as usize].is_some()
                                && ui.small_button(s.t("Call", "전화")).clicked()
                            {
                                *action = Some(Action::Call { contact: it.id });
                            }
                        });
                        ui.add_space(4.0);
                    }
                });
        });
}

fn map(ui: &mut egui::Ui, s: &mut Session, action: &mut Option<Action>) {
    let lang = s.lang;
    let st = &s.state;
    let w = &st.world;
    let lv = w.lv();
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), 260.0),
        egui::Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 8.0, egui::Color32::from_rgb(222, 214, 190));
    let at = |p: usize| {
        let pl = &lv.places[p];
        egui::pos2(
            rect.left() + 30.0 + (rect.width() - 60.0) * pl.x as f32 / 1000.0,
            rect.top() + 20.0 + (rect.height() - 40.0) * pl.y as f32 / 1000.0,
        )
    };
    for r in &lv.routes {
        let a = lv.places.iter().position(|p| p.id == r.from).unwrap_or(0);
        let b = lv.places.iter().position(|p| p.id == r.to).unwrap_or(0);
        painter.line_segment(
            [at(a), at(b)],
            egui::Stroke::new(3.0, egui::Color32::from_rgb(140, 120, 90)),
        );
        let mid = at(a).lerp(at(b), 0.5);
        painter.text(
            mid,
            egui::Align2::CENTER_CENTER,
            format!("{}′", r.minutes),
            egui::FontId::proportional(11.0),
            egui::Color32::DARK_GRAY,
        );
    }
    let neighbours: Vec<u16> = w.adj[st.place as usize].iter().map(|&(p, _)| p).collect();
    for (i, pl) in lv.places.iter().enumerate() {
        let here = i == st.place as usize;
        let near = neighbours.contains(&(i as u16));
        let fill = if here {
            egui::Color32::from_rgb(200, 40, 40)
        } else if near {
            egui::Color32::from_rgb(60, 90, 160)
        } else {
            egui::Color32::from_rgb(110, 110, 110)
        };
        painter.circle_filled(at(i), if here { 12.0 } else { 9.0 }, fill);
        let key = neighbours
            .iter()
            .position(|&n| n as usize == i)
            .map(|k| format!("[{}] ", k + 1))
            .unwrap_or_default();
        painter.text(
            at(i) + egui::vec2(0.0, 16.0),
            egui::Align2::CENTER_TOP,
            format!("{key}{}", pl.name.get(lang)),
            egui::FontId::proportional(14.0),
            egui::Color32::BLACK,
        );
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(s.t("Walk to:", "가기:"));
        for (k, &n) in neighbours.iter().enumerate() {
            let label = format!("[{}] {}", k + 1, lv.places[n as usize].name.get(lang));
            let pressed = ui.input(|i| i.key_pressed(digit_key(k + 1)));
            if ui.button(label).clicked() || (pressed && st.inspection.is_none()) {
                *action = Some(Action::Travel { to: n });
            }
        }
        if ui
            .button(s.t("[E] End the day", "[E] 하루 마치기"))
            .clicked()
        {
            *action = Some(Action::EndDay);
        }
        if lv.places[st.place as usize].kind == PlaceKind::RepairStall
            && ui
                .button(s.t("Wipe the trace log", "추적 기록 지우기"))
                .clicked()
        {
            *action = Some(Action::RepairWipe);
        }
    });
}

fn digit_key(n: usize) -> egui::Key {
    use egui::Key::*;
    [Num0, Num1, Num2, Num3, Num4, Num5, Num6, Num7, Num8, Num9][n.min(9)]
}

fn trade(ui: &mut egui::Ui, s: &mut Session, action: &mut Option<Action>) {
    let lang = s.lang;
    let st = &s.state;
    let w = &st.world;
    let lv = w.lv();
    let mut qty = s.qty;
    ui.horizontal(|ui| {
        ui.label(s.t("Quantity (kg):", "수량 (kg):"));
        ui.add(egui::DragValue::new(&mut qty).range(1..=60));
    });
    egui::Grid::new("trade").striped(true).show(ui, |ui| {
        ui.label(s.t("Good", "물건"));
        ui.label(s.t("Here", "여기"));
        ui.label(s.t("Known elsewhere", "다른 곳 (알려진 값)"));
        ui.label(s.t("Stock", "재고"));
        ui.end_row();
        for g in 0..w.n_goods {
            let good = &lv.goods[g];
            ui.label(good.name.get(lang));
            let here = st.price(g, st.place as usize);
            ui.label(here.map_or("—".into(), |p| format!("₩{p}")));
            let best = (0..w.n_places)
                .filter(|&p| p != st.place as usize)
                .filter_map(|p| {
                    st.notebook[p * w.n_goods + g]
                        .filter(|(d, _)| *d == st.day)
                        .map(|(_, won)| (p, won))
                })
                .max_by_key(|&(_, won)| won);
            ui.label(best.map_or("—".into(), |(p, won)| {
                format!("₩{won} ({})", lv.places[p].name.get(lang))
            }));
            ui.label(st.stock[g].to_string());
            if here.is_some() {
                if ui.button(s.t("Buy", "사기")).clicked() {
                    *action = Some(Action::Buy {
                        good: g as u16,
                        qty,
                        currency: Currency::Won,
                    });
                }
                if ui.button(s.t("Sell", "팔기")).clicked() {
                    *action = Some(Action::Sell {
                        good: g as u16,
                        qty: qty.min(st.stock[g].max(1)),
                        currency: Currency::Won,
                    });
                }
            }
            ui.end_row();
        }
    });
    s.qty = qty;
}

fn inspection(ctx: &egui::Context, s: &mut Session, keys: &[bool; 9], action: &mut Option<Action>) {
    let lang = s.lang;
    let st = &s.state;
    let Some(insp) = st.inspection.as_ref() else {
        return;
    };
    let spec = &st.lv().inspectors[insp.inspector as usize];
    let mut bribe = s.bribe;
    let mut currency = s.bribe_currency;
    egui::Window::new(s.t("Stopped", "검열"))
        .collapsible(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(-150.0, 0.0))
        .show(ctx, |ui| {
            ui.heading(spec.name.get(lang));
            match insp.stage {
                Stage::Stopped => {
                    ui.label(s.t("\"Your phone. Now.\"", "\"손전화 내놔.\""));
                }
                Stage::Searched => {
                    ui.label(s.t(
                        "They went through the phone and found:",
                        "손전화를 뒤져서 찾아낸 것:",
                    ));
                    for id in &insp.found_items {
                        if let Some(it) = st.item(*id) {
                            ui.label(
                                egui::RichText::new(format!("• {}", st.item_name(it).get(lang)))
                                    .color(egui::Color32::LIGHT_RED),
                            );
                        }
                    }
                    if !insp.found_shots.is_empty() {
                        ui.label(format!(
                            "• {} {}",
                            insp.found_shots.len(),
                            s.t("screenshots in the Trace Viewer", "개의 추적 보기 화면")
                        ));
                    }
                    if insp.found_items.is_empty() && insp.found_shots.is_empty() {
                        ui.label(s.t(
                            "Nothing — but they are waiting for something.",
                            "아무것도 없다. 그래도 무언가를 기다린다.",
                        ));
                    }
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                let hand = match insp.stage {
                    Stage::Stopped => s.t("[H] Hand it over", "[H] 넘겨주기"),
                    Stage::Searched => s.t("[H] Accept", "[H] 받아들이기"),
                };
                if ui.button(hand).clicked() || keys[3] {
                    *action = Some(Action::HandOver);
                }
                if !insp.talked
                    && (ui.button(s.t("[T] Talk", "[T] 말로 풀기")).clicked() || keys[4])
                {
                    *action = Some(Action::Talk);
                }
                if ui.button(s.t("[R] Refuse", "[R] 거부")).clicked() || keys[6] {
                    *action = Some(Action::Refuse);
                }
            });
            ui.horizontal(|ui| {
                ui.add(
                    egui::DragValue::new(&mut bribe)
                        .range(1..=10_000_000)
                        .speed(1000),
                );
                for c in CURRENCIES {
                    ui.selectable_value(&mut currency, c, format!("{c:?}"));
                }
                if ui.button(s.t("[B] Offer", "[B] 찔러주기")).clicked() || keys[5] {
                    *action = Some(Action::Bribe {
                        currency,
                        amount: bribe,
                    });
                }
            });
        });
    s.bribe = bribe;
    s.bribe_currency = currency;
}

fn ended(root: &mut egui::Ui, s: &Session) {
    let st = &s.state;
    egui::CentralPanel::default().show(root, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading(
                egui::RichText::new(describe::ending(
                    st.ending.unwrap_or(Ending::FamilyFed),
                    s.lang,
                ))
                .size(32.0),
            );
            ui.add_space(20.0);
            let r = &st.record;
            ui.label(format!(
                "{}: {}  ·  {}: {}  ·  {}: ₩{}  ·  {}: {}",
                s.t("Inspections", "검열"),
                r.inspections,
                s.t("caught", "걸림"),
                r.caught,
                s.t("bribes", "뇌물"),
                r.bribes_paid_won,
                s.t("items taken", "빼앗긴 항목"),
                r.items_confiscated
            ));
            ui.label(format!(
                "{}: ₩{}",
                s.t("Final worth", "최종 재산"),
                st.net_worth()
            ));
            ui.add_space(20.0);
            ui.label(s.t("What the game simplifies:", "이 게임이 단순화한 것:"));
            for t in &st.lv().simplifications {
                ui.label(format!("• {}", t.get(s.lang)));
            }
        });
    });
}
