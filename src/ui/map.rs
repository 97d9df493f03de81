//! The drawn map of Haeju: places, routes with their walking time and stop risk, where
//! she is, and the hour.

use super::*;
use crate::rules::*;

/// Where things are on the map as drawn in `rect`.
struct Layout<'a> {
    lv: &'a Level,
    rect: egui::Rect,
}

/// A road as drawn: where it ends (the `to` place's index), its two ends, where it bends
/// round another place (the station–port road ran through the market's name), and where
/// its label goes.
struct Road {
    b: usize,
    pa: egui::Pos2,
    pb: egui::Pos2,
    ctrl: Option<egui::Pos2>,
    mid: egui::Pos2,
}

/// A walk's tag ("15′ · 6%") waiting to be placed on its road, clear of every name.
struct Tag {
    galley: std::sync::Arc<egui::Galley>,
    pa: egui::Pos2,
    ctrl: egui::Pos2,
    pb: egui::Pos2,
    mid: egui::Pos2,
}

impl Layout<'_> {
    fn at(&self, i: usize) -> egui::Pos2 {
        let (pl, rect) = (&self.lv.places[i], self.rect);
        egui::pos2(
            rect.left() + 40.0 + (rect.width() - 80.0) * pl.x as f32 / 1000.0,
            rect.top() + 24.0 + (rect.height() - 60.0) * pl.y as f32 / 1000.0,
        )
    }

    fn road(&self, r: &Route) -> Road {
        let lv = self.lv;
        let (a, b) = (ends(lv, &r.from), ends(lv, &r.to));
        let others: Vec<egui::Pos2> = (0..lv.places.len())
            .filter(|&i| i != a && i != b)
            .map(|i| self.at(i))
            .collect();
        let (pa, pb) = (self.at(a), self.at(b));
        let (ctrl, mid) = route_path(pa, pb, &others);
        Road {
            b,
            pa,
            pb,
            ctrl,
            mid,
        }
    }
}

/// Draws the map in `height` points; returns the place clicked, if any. `walk`: she is on
/// her way to that place, this far along (0 to 1): her mark moves along the road and the
/// clock runs. `described`: the map in words, for a screen reader; `minutes`: a walk's
/// minutes as the language writes them ("15′", "15분").
pub fn draw(
    ui: &mut egui::Ui,
    s: &GameState,
    lang: Lang,
    height: f32,
    walk: Option<(u16, f32)>,
    described: &str,
    minutes: &dyn Fn(u32) -> String,
) -> Option<u16> {
    let w = &s.world;
    let lv = w.lv();
    let (rect, resp) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::click(),
    );
    crate::access::describe(&resp, described);
    let p = ui.painter_at(rect);
    let map = Layout { lv, rect };
    let neighbours: Vec<(u16, u16)> = w.adj[s.place as usize].clone();
    // On the way: where along the road she is, and the minutes gone.
    let walking = walk.and_then(|(to, t)| {
        let &(_, ri) = neighbours.iter().find(|&&(n, _)| n == to)?;
        let r = &lv.routes[ri as usize];
        let Road {
            b, pa, pb, ctrl, ..
        } = map.road(r);
        let along = if b == s.place as usize { 1.0 - t } else { t };
        let pos = on_road(pa, ctrl.unwrap_or(pa.lerp(pb, 0.5)), pb, along);
        Some((pos, (r.minutes as f32 * t) as u16))
    });
    // The light of the hour on the town (as the walk moves the clock), gently: the map's
    // words stay as readable.
    let light = art::Light::at(s.minute + walking.map_or(0, |(_, m)| m));
    let lit = |c: Color32| light.tint(c).lerp_to_gamma(c, 0.55);
    // The ground, the town's blocks on it (seen from above, a shade darker than its streets);
    // plain on the high-contrast theme, where every name is read against one ground.
    let ground = lit(Color32::from_rgb(218, 208, 182));
    p.rect_filled(rect, 10.0, ground);
    if !super::high_contrast(ui.ctx()) {
        super::grain::town(&p, rect, ground);
    }
    // The bay to the south and east of Haeju: Haeju is a port on the Yellow Sea.
    art::bay(
        &p,
        rect,
        &[
            0.93, 0.94, 0.92, 0.93, 0.91, 0.92, 0.9, 0.86, 0.82, 0.74, 0.7,
        ],
        lit(art::BAY),
    );
    // Each place's small drawing, under the roads and the names (left out where the map is
    // too small for them to stay clear of the names: large text on a small window).
    if rect.width() >= 700.0 && rect.height() >= 320.0 {
        for (i, pl) in lv.places.iter().enumerate() {
            art::place_sketch(&p, map.at(i), pl.kind);
        }
    }
    let tags = roads(&p, &map, s, &neighbours, minutes);
    let here = (walking.is_none()).then_some(s.place as usize);
    let (clicked, taken) = places(&p, &map, &resp, here, &neighbours, lang);
    place_tags(&p, rect, tags, taken);
    if let Some((pos, _)) = walking {
        let t = walk.map_or(0.0, |(_, t)| t);
        let heading = walking_heading(&map, s, walk);
        her_figure(&p, pos, t, heading);
    }
    // The clock, top right (running while she walks).
    let minute = s.minute + walking.map_or(0, |(_, m)| m);
    let clock = crate::report::clock(minute);
    p.text(
        rect.right_top() + egui::vec2(-14.0, 12.0),
        egui::Align2::RIGHT_TOP,
        clock,
        egui::FontId::new(H1, super::heading_family()),
        ink(&p),
    );
    clicked
}

/// The roads, coloured by their risk, those she can take now bold; returns their tags, to
/// be placed once the names are.
fn roads(
    p: &egui::Painter,
    map: &Layout,
    s: &GameState,
    neighbours: &[(u16, u16)],
    minutes: &dyn Fn(u32) -> String,
) -> Vec<Tag> {
    let mut tags = Vec::new();
    for (ri, r) in map.lv.routes.iter().enumerate() {
        let near = neighbours.iter().any(|&(_, x)| x as usize == ri);
        // Along the routes she can take now: the real chance of a stop on arrival (route,
        // place, campaign, what she carries, how watched she is), as a percentage.
        let next = neighbours
            .iter()
            .find(|&&(_, x)| x as usize == ri)
            .map(|&(n, _)| n as usize);
        let risk = match next {
            Some(n) => crate::rules::engine::stop_chance(s, ri, n),
            None => r.risk_permille,
        };
        let color = if risk >= 80 {
            red(p)
        } else if risk >= 40 {
            Color32::from_rgb(190, 120, 40)
        } else {
            Color32::from_rgb(120, 100, 70)
        };
        let Road {
            pa, pb, ctrl, mid, ..
        } = map.road(r);
        let stroke = egui::Stroke::new(if near { 5.0 } else { 2.5 }, color);
        match ctrl {
            None => {
                p.line_segment([pa, pb], stroke);
            }
            Some(ctrl) => {
                p.add(egui::epaint::QuadraticBezierShape::from_points_stroke(
                    [pa, ctrl, pb],
                    false,
                    Color32::TRANSPARENT,
                    stroke,
                ));
            }
        }
        if near {
            let text = format!("{} · {:.0}%", minutes(r.minutes), risk as f32 / 10.0);
            let galley = p.layout_no_wrap(text, egui::FontId::proportional(SMALL), ink(p));
            let ctrl = ctrl.unwrap_or(pa.lerp(pb, 0.5));
            tags.push(Tag {
                galley,
                pa,
                ctrl,
                pb,
                mid,
            });
        }
    }
    tags
}

/// The places: their dots (hers where she stands, `here`), their names with the key to walk
/// there. Returns the place clicked and what a tag must keep clear of (each dot and name).
fn places(
    p: &egui::Painter,
    map: &Layout,
    resp: &egui::Response,
    here: Option<usize>,
    neighbours: &[(u16, u16)],
    lang: Lang,
) -> (Option<u16>, Vec<egui::Rect>) {
    let mut clicked = None;
    let mut taken: Vec<egui::Rect> = Vec::new();
    for (i, pl) in map.lv.places.iter().enumerate() {
        let here = here == Some(i);
        let key = neighbours.iter().position(|&(n, _)| n as usize == i);
        let fill = if here {
            art::HER_COAT
        } else if key.is_some() {
            blue(p)
        } else {
            dim(p)
        };
        let c = map.at(i);
        if here {
            her_mark(p, c);
        } else {
            p.circle_filled(c, 9.0, fill);
        }
        // A place she can walk to has its key's cap before its name.
        let cap = key.map(|k| super::keycap::Cap::new(p, &(k + 1).to_string(), BODY));
        let before = cap.as_ref().map_or(0.0, |c| c.width() + 4.0);
        let label = pl.name.get(lang).to_string();
        let galley = p.layout_no_wrap(label, egui::FontId::proportional(BODY), ink(p));
        let size = galley.size() + egui::vec2(before, 0.0);
        let pos = c + egui::vec2(-size.x / 2.0, 14.0);
        let chip = egui::Rect::from_min_size(pos, size).expand(2.0);
        taken.push(chip);
        taken.push(egui::Rect::from_center_size(c, egui::vec2(36.0, 36.0)));
        p.rect_filled(
            chip,
            3.0,
            Color32::from_rgba_unmultiplied(246, 241, 230, 220),
        );
        if let Some(cap) = cap {
            let h = cap.height();
            let r = egui::Rect::from_min_size(
                pos + egui::vec2(0.0, (galley.size().y - h) / 2.0),
                egui::vec2(before - 4.0, h),
            );
            cap.paint_in(p, r);
        }
        p.galley(pos + egui::vec2(before, 0.0), galley, ink(p));
        if resp.clicked()
            && let Some(pos) = resp.interact_pointer_pos()
            && pos.distance(c) < 22.0
            && key.is_some()
        {
            clicked = Some(i as u16);
        }
    }
    (clicked, taken)
}

/// Each tag on its road, at the middle or as near it as keeps it clear of every name, dot
/// and tag already placed (issue 31, point 3: "5′ · 2%" sat under a place's name).
fn place_tags(p: &egui::Painter, rect: egui::Rect, tags: Vec<Tag>, mut taken: Vec<egui::Rect>) {
    for Tag {
        galley,
        pa,
        ctrl,
        pb,
        mid,
    } in tags
    {
        let size = galley.size() + egui::vec2(4.0, 4.0);
        // Along the road first; a short road hemmed in by names, then beside its middle.
        let along = [0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73, 0.2, 0.8]
            .into_iter()
            .map(|t| {
                if t == 0.5 {
                    mid
                } else {
                    on_road(pa, ctrl, pb, t)
                }
            });
        let beside = (1..=6).flat_map(|k| {
            let (dx, dy) = (size.x * 0.5 * k as f32, size.y * k as f32);
            [
                mid + egui::vec2(0.0, -dy),
                mid + egui::vec2(0.0, dy),
                mid + egui::vec2(dx, 0.0),
                mid + egui::vec2(-dx, 0.0),
            ]
        });
        let spot = along
            .chain(beside)
            .map(|c| egui::Rect::from_center_size(c, size))
            .find(|r| rect.contains_rect(*r) && !taken.iter().any(|o| o.intersects(*r)))
            .unwrap_or(egui::Rect::from_center_size(mid, size));
        taken.push(spot);
        p.rect_filled(spot, 3.0, Color32::from_rgb(250, 236, 200));
        p.galley(spot.min + egui::vec2(2.0, 2.0), galley, ink(p));
    }
}

/// Where she is on the map: a dot in her coat's colour in an ink ring (red is the state's
/// and danger's, not hers).
fn her_mark(p: &egui::Painter, c: egui::Pos2) {
    p.circle_filled(c, 13.0, art::HER_COAT);
    p.circle_stroke(c, 18.0, egui::Stroke::new(2.0, ink(p)));
}

/// Which way she walks: -1 to the left, 1 to the right.
fn walking_heading(map: &Layout, s: &GameState, walk: Option<(u16, f32)>) -> f32 {
    let Some((to, _)) = walk else { return 1.0 };
    let dx = map.at(to as usize).x - map.at(s.place as usize).x;
    if dx < 0.0 { -1.0 } else { 1.0 }
}

/// Her, walking the road (issue 35): a small figure standing at `c` — hair tied up, her
/// coat, the bag of goods on her back — her legs in step with how far she has come (`t`),
/// facing `heading` (-1 left, 1 right), inside the ring that marks her on the map.
fn her_figure(p: &egui::Painter, c: egui::Pos2, t: f32, heading: f32) {
    use egui::{pos2, vec2};
    p.circle_filled(c, 20.0, Color32::from_rgba_unmultiplied(250, 246, 236, 200));
    p.circle_stroke(c, 20.0, egui::Stroke::new(2.0, ink(p)));
    let foot = c.y + 14.0;
    // Six steps along any road: the legs swing apart and together.
    let swing = (t * std::f32::consts::PI * 12.0).sin() * 5.0;
    let leg = egui::Stroke::new(3.0, art::HAIR);
    for dx in [swing, -swing] {
        p.line_segment([pos2(c.x, foot - 11.0), pos2(c.x + dx, foot)], leg);
    }
    p.rect_filled(
        egui::Rect::from_min_max(pos2(c.x - 5.0, foot - 21.0), pos2(c.x + 5.0, foot - 8.0)),
        3.0,
        art::HER_COAT,
    );
    // The bag on her back.
    p.rect_filled(
        egui::Rect::from_center_size(pos2(c.x - heading * 7.0, foot - 16.0), vec2(6.0, 9.0)),
        2.0,
        Color32::from_rgb(150, 128, 96),
    );
    let head = pos2(c.x + heading * 1.0, foot - 25.0);
    p.circle_filled(head, 4.5, art::SKIN);
    p.circle_filled(head - vec2(heading * 3.5, 2.5), 2.6, art::HAIR);
}

/// The point `t` (0 to 1) along a road drawn from `pa` to `pb` bending through `ctrl` (a
/// quadratic curve; a straight road has its middle as `ctrl`).
fn on_road(pa: egui::Pos2, ctrl: egui::Pos2, pb: egui::Pos2, t: f32) -> egui::Pos2 {
    let u = 1.0 - t;
    egui::pos2(
        u * u * pa.x + 2.0 * u * t * ctrl.x + t * t * pb.x,
        u * u * pa.y + 2.0 * u * t * ctrl.y + t * t * pb.y,
    )
}

fn ends(lv: &Level, id: &str) -> usize {
    lv.places.iter().position(|p| p.id == id).unwrap_or(0)
}

/// How a road from `pa` to `pb` is drawn: straight, or, where it would pass within 40
/// points of another place, a curve bending away from the nearest one (its control point).
/// Also where its label goes: the middle of the line or of the curve.
fn route_path(
    pa: egui::Pos2,
    pb: egui::Pos2,
    others: &[egui::Pos2],
) -> (Option<egui::Pos2>, egui::Pos2) {
    let near = others
        .iter()
        .map(|&c| (c, distance_to_segment(c, pa, pb)))
        .filter(|&(_, d)| d < 40.0)
        .min_by(|x, y| x.1.total_cmp(&y.1));
    let m = pa.lerp(pb, 0.5);
    let Some((c, _)) = near else {
        return (None, m);
    };
    let dir = (pb - pa).normalized();
    let mut normal = egui::vec2(-dir.y, dir.x);
    if (c - m).dot(normal) > 0.0 {
        normal = -normal;
    }
    let ctrl = m + normal * 110.0;
    let mid = egui::pos2(
        0.25 * pa.x + 0.5 * ctrl.x + 0.25 * pb.x,
        0.25 * pa.y + 0.5 * ctrl.y + 0.25 * pb.y,
    );
    (Some(ctrl), mid)
}

fn distance_to_segment(c: egui::Pos2, a: egui::Pos2, b: egui::Pos2) -> f32 {
    let ab = b - a;
    let t = ((c - a).dot(ab) / ab.length_sq().max(1e-3)).clamp(0.0, 1.0);
    c.distance(a + ab * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Standing at every place of every level, on a map as large as a 1280×720 window gives
    /// it and on a small one, no walk's tag ("15′ · 6%") overlaps a place's name, another
    /// tag or the clock: each is drawn whole where it can be read (issue 31, point 3).
    #[test]
    fn no_tag_is_covered_by_a_name_or_another_tag() {
        let tr = crate::i18n::Tr::load();
        for name in ["01", "02", "03"] {
            let w = crate::content::load_level(name).expect("level");
            for place in 0..w.lv().places.len() {
                let (mut s, _) = crate::rules::new_game(w.clone(), &mut crate::rules::new_rng(1));
                s.place = place as u16;
                for (lang, size) in [
                    (Lang::En, egui::vec2(880.0, 430.0)),
                    (Lang::Ko, egui::vec2(880.0, 430.0)),
                    (Lang::En, egui::vec2(620.0, 330.0)),
                ] {
                    let ctx = egui::Context::default();
                    super::super::setup(&ctx);
                    ctx.run_ui(egui::RawInput::default(), |_| {})
                        .textures_delta
                        .clear();
                    let input = egui::RawInput {
                        screen_rect: Some(egui::Rect::from_min_size(
                            egui::Pos2::ZERO,
                            size + egui::vec2(20.0, 20.0),
                        )),
                        ..Default::default()
                    };
                    let mut out = ctx.run_ui(input, |root| {
                        egui::CentralPanel::default().show(root, |ui| {
                            draw(ui, &s, lang, size.y, None, "", &|n| {
                                tr.fmt(lang, "common.minutes", &[("n", n.to_string())])
                            });
                        });
                    });
                    out.textures_delta.clear();
                    let texts: Vec<(String, egui::Rect)> = out
                        .shapes
                        .iter()
                        .filter_map(|c| match &c.shape {
                            egui::Shape::Text(t) => {
                                Some((t.galley.text().to_string(), t.visual_bounding_rect()))
                            }
                            _ => None,
                        })
                        .collect();
                    let tags: Vec<&(String, egui::Rect)> =
                        texts.iter().filter(|(t, _)| t.ends_with('%')).collect();
                    assert!(!tags.is_empty(), "{name} at place {place}: no tags drawn");
                    for (tag, r) in &tags {
                        for (other, o) in &texts {
                            if std::ptr::eq(tag, other) || o == r {
                                continue;
                            }
                            assert!(
                                !r.shrink(1.0).intersects(o.shrink(1.0)),
                                "{name}, standing at place {place} ({lang:?}, {size:?}): the tag {tag:?} overlaps {other:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    /// No road of a shipped level, as drawn on a 900×500 map, runs over another place, and
    /// no road's label sits on one (a first player saw the station–port road cross the
    /// market's name).
    #[test]
    fn roads_keep_clear_of_the_places_they_do_not_join() {
        for name in ["01", "02", "03"] {
            let w = crate::content::load_level(name).expect("level");
            let lv = w.lv();
            let at = |i: usize| {
                let pl = &lv.places[i];
                egui::pos2(
                    40.0 + 820.0 * pl.x as f32 / 1000.0,
                    24.0 + 440.0 * pl.y as f32 / 1000.0,
                )
            };
            for r in &lv.routes {
                let a = lv.places.iter().position(|p| p.id == r.from).unwrap();
                let b = lv.places.iter().position(|p| p.id == r.to).unwrap();
                let others: Vec<egui::Pos2> = (0..lv.places.len())
                    .filter(|&i| i != a && i != b)
                    .map(at)
                    .collect();
                let (ctrl, mid) = route_path(at(a), at(b), &others);
                for (k, &c) in others.iter().enumerate() {
                    assert!(
                        c.distance(mid) >= 30.0,
                        "{name}: the label of {}–{} sits on place #{k}",
                        r.from,
                        r.to
                    );
                    // Sample the curve (or the line) and keep it off the place's dot.
                    let ctrl = ctrl.unwrap_or(at(a).lerp(at(b), 0.5));
                    let close = (0..=20)
                        .map(|t| on_road(at(a), ctrl, at(b), t as f32 / 20.0))
                        .any(|p| p.distance(c) < 14.0);
                    assert!(!close, "{name}: {}–{} runs over place #{k}", r.from, r.to);
                }
            }
        }
    }
}
