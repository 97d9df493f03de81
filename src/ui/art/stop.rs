//! A stop in the street as a scene: who stopped her, his words, the phone, what they found.

use super::*;

/// A stop, as a scene (docs/art-direction.md): who stopped her, how, where and when.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stop {
    pub uniform: Uniform,
    /// Her phone in the inspector's hand (searched); else, while they hold her, his hand
    /// held out for it and hers holding it close (`clutched`).
    pub phone_in_hand: bool,
    pub clutched: bool,
    /// Where it happens (a plain wall and pavement without a place).
    pub place: Option<crate::rules::PlaceKind>,
    pub trader: Mood,
    pub inspector: Mood,
    pub light: Light,
    /// What their search found (items and screenshots), laid out between them as slips.
    pub found: u8,
    /// How it ended, once it is over (the two's last posture shows it); her phone still hers
    /// then when `kept_phone`.
    pub ended: Option<Ended>,
    pub kept_phone: bool,
}

/// How a stop ended, as the picture shows it: let go (her phone back in her hands if it is
/// still hers), warned
/// (his finger pointed at her), her phone taken (in his hand at his chest), fined (the notes
/// going from her hand to his), or taken away (his hand gripping her arm).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    LetGo,
    Warned,
    PhoneTaken,
    Fined,
    TakenAway,
}

impl Ended {
    /// How the stop whose events are `log` ended: by its last consequence.
    pub fn of(log: &[crate::rules::Event]) -> Ended {
        use crate::rules::{Consequence as C, Event};
        let last = log.iter().rev().find_map(|e| match e {
            Event::Consequence(c) => Some(*c),
            _ => None,
        });
        match last {
            None => Ended::LetGo,
            Some(C::Warning | C::ForcedDeletion) => Ended::Warned,
            Some(C::Confiscation) => Ended::PhoneTaken,
            Some(C::Fine) => Ended::Fined,
            Some(C::CriticismSession | C::Arrest) => Ended::TakenAway,
        }
    }
}

impl Stop {
    /// The stop by `kind` as it stands in `st` (`log`: what has happened in it;
    /// `had_phone`: she had a phone when they stopped her).
    pub fn at(
        st: &crate::rules::GameState,
        log: &[crate::rules::Event],
        had_phone: bool,
        kind: crate::rules::InspectorKind,
    ) -> Stop {
        let held = st.inspection.as_ref();
        let searched = held.is_some_and(|i| i.stage == crate::rules::Stage::Searched);
        let lv = st.lv();
        Stop {
            uniform: Uniform::of(kind),
            phone_in_hand: had_phone && searched,
            clutched: held.is_some() && !searched && st.phone.present,
            place: Some(lv.places[st.place as usize].kind),
            trader: Mood::at_stop(held.is_some(), log),
            inspector: Stop::inspector_mood(log),
            light: Light::at(st.minute),
            found: held.filter(|_| searched).map_or(0, |i| {
                (i.found_items.len() + i.found_shots.len()).min(255) as u8
            }),
            ended: held.is_none().then(|| Ended::of(log)),
            kept_phone: st.phone.present,
        }
    }

    /// The inspector's face at a stop: angry when the search found something or a bribe
    /// was refused, stern otherwise.
    pub fn inspector_mood(log: &[crate::rules::Event]) -> Mood {
        use crate::rules::Event;
        let found = log.iter().any(|e| match e {
            Event::Searched {
                items,
                shots,
                severity,
            } => *severity > 0 || !items.is_empty() || !shots.is_empty(),
            Event::BribeRefused { .. } | Event::HiddenSdFound | Event::Consequence(_) => true,
            _ => false,
        });
        if found { Mood::Angry } else { Mood::Stern }
    }
}

/// A stop: where it happens behind them (the place's backdrop in the light of the hour, or
/// a plain wall and pavement), the inspector on the left — his hand out for her phone, or
/// her phone held up in it, its screen lighting his face — and the trader on the right as
/// the moment finds her (afraid while it lasts, the phone clutched to her; relieved or
/// ashamed after).
pub fn stop_scene(p: &Painter, r: Rect, stop: Stop) {
    stop_scene_on(p, r, r, stop, 60.0);
}

/// Where the inspector's words go in a stop's picture: the sky between the two heads, and
/// his mouth, where the bubble's tail points.
#[derive(Clone, Copy, Debug)]
pub struct Speech {
    pub room: Rect,
    pub mouth: Pos2,
}

/// A stop (see [`stop_scene`]) with the two drawn in `stage`, the part of the frame `r` that
/// a note or the choices laid on the picture leave; returns where his words go.
/// `words`: how tall his words' bubble is (the sky above their heads is kept that tall).
pub fn stop_scene_on(p: &Painter, r: Rect, stage: Rect, stop: Stop, words: f32) -> Speech {
    let p = &p.with_clip_rect(r);
    match stop.place {
        // Where it happens: the place behind them, its drawing between the two.
        Some(kind) => place_backdrop(p, r, kind, Some(0.86), stop.light),
        None => {
            p.rect_filled(r, 8.0, stop.light.tint(Color32::from_rgb(200, 196, 186)));
            // A concrete wall's panels, then the pavement.
            let ground = r.top() + r.height() * 0.78;
            for i in 1..6 {
                let x = r.left() + r.width() * i as f32 / 6.0;
                p.line_segment(
                    [pos2(x, r.top() + 6.0), pos2(x, ground)],
                    Stroke::new(1.0, Color32::from_rgb(180, 176, 166)),
                );
            }
            ground_band(p, r, ground, 8, stop.light.tint(CONCRETE));
        }
    }
    // The street gone grey and cold round them for the moment of the stop: the same place,
    // its colour drained, so the two stand out against it.
    // (Rounded as the picture is: square, it greyed the page in its corners.)
    p.rect_filled(r, 8.0, Color32::from_rgba_unmultiplied(52, 58, 72, 80));
    // People on the street who have seen it and look on from a distance, muted by it: at the
    // frame's right, or where her answers take that side, behind her shoulder at the stage's
    // end (under the panel they were cut into headless stumps).
    let stage = stage.intersect(r);
    let crowd = if stage.width() < r.width() * 0.8 {
        Rect::from_min_max(
            pos2(stage.left() + stage.width() * 0.35, r.top()),
            pos2(stage.right() + stage.width() * 0.12, r.bottom()),
        )
    } else {
        r
    };
    onlookers(p, crowd, r.height(), stop.light);
    // Close, face to face in the middle however wide the frame, cut at the chest by its foot
    // and their heads near its top: the moment, not the street (the place's drawing to
    // the side).
    // (Closer where a note narrows the stage: he stood half out of the frame.)
    // (Closer still where her answers take the frame's side: face to face, his shoulder cut
    // by the frame's edge.)
    let (share, apart) = if stage.width() < r.width() * 0.8 {
        (0.56, 0.47)
    } else if stage.width() < r.width() * 0.9 {
        (0.44, 0.56)
    } else {
        (0.4, 0.62)
    };
    // (Never so large that his words have no sky above their heads: between the two, the
    // bubble covered the phone he holds up.)
    let size = (stage.height() * 1.22)
        .min(stage.width() * share)
        .min(((stage.height() - words - 36.0) / 0.8).max(stage.height() * 0.62));
    let apart = size * apart;
    // Cut at the chest by the stage's foot; where the stage is taller than they need, the
    // sky above them (his words go there).
    let bottom = (stage.top() + size * 0.9).max(stage.bottom());
    let y = bottom - size / 2.0;
    let left = Rect::from_center_size(pos2(stage.center().x - apart, y), vec2(size, size));
    let right = Rect::from_center_size(pos2(stage.center().x + apart, y), vec2(size, size));
    let heads = left.top() + size * 0.2;
    // (The middle half of the stage wide, whatever their size: the screen measures his words
    // at that width to keep this sky tall enough for them.)
    let sky = Rect::from_min_max(
        pos2(stage.center().x - stage.width() * 0.25, r.top() + 6.0),
        pos2(stage.center().x + stage.width() * 0.25, heads - 14.0),
    );
    let speech = Speech {
        // Above their heads where the sky has room; else between them.
        room: if sky.height() >= 56.0 {
            sky
        } else {
            Rect::from_min_max(
                pos2(left.center().x + size * 0.22, r.top() + 6.0),
                pos2(right.center().x - size * 0.22, r.top() + size * 0.5),
            )
        },
        mouth: pos2(left.center().x + size * 0.17, left.top() + size * 0.5),
    };
    let arm_out =
        stop.phone_in_hand || stop.clutched || stop.ended.is_some_and(|e| e != Ended::LetGo);
    inspector_posed(p, left, stop.uniform, stop.inspector, arm_out);
    // Her arms: holding her phone close (while they ask for it, and after if it is still
    // hers), one held out with the notes of a fine, else clasped while they decide.
    let holds_phone = stop.clutched
        || (stop.kept_phone && matches!(stop.ended, Some(Ended::LetGo | Ended::Warned)));
    let hers = if holds_phone {
        Pose::Clutch
    } else if stop.ended == Some(Ended::Fined) {
        // Her left hand held out halfway to him, where he takes the notes.
        let apart = (right.center().x - left.center().x) / size;
        Pose::Pay {
            to: (0.05 - apart / 2.0, 0.74),
        }
    } else if stop.phone_in_hand || stop.ended.is_some() {
        Pose::Clasped
    } else {
        Pose::Rest
    };
    figure(p, right, TRADER, stop.trader, hers);
    let cloth = stop.uniform.jacket();
    let sleeve = cloth.lerp_to_gamma(Color32::BLACK, 0.12);
    let him = inspector_body(left, stop.inspector);
    let shown_on_phone = hands_and_phone(p, stop, left, right, size, &him, sleeve);
    if holds_phone && !stop.clutched {
        her_phone_in_hands(p, right, size);
    }
    if let Some(ended) = stop.ended {
        how_it_ended(p, stop, ended, [left, right], &him, sleeve);
    }
    if stop.found > 0 && !shown_on_phone {
        // What they found, as slips fanned out between the two at chest height, each with a
        // red warning mark: the evidence, seen (on the phone's screen when he holds it).
        evidence(
            p,
            pos2(stage.center().x, left.top() + size * 0.8),
            size * 0.16,
            stop.found,
        );
    }
    // The street closes in on the two: its edges darkened (a stop is not a sunny day out).
    vignette(p, r, 0.16, 120);
    speech
}

/// His arm and hers at the stop's stage, and her phone where it is (in his hand, held up to
/// her with what they found on its screen, or clutched in hers); true when its screen shows
/// what they found.
fn hands_and_phone(
    p: &Painter,
    stop: Stop,
    left: Rect,
    right: Rect,
    size: f32,
    him: &Body,
    sleeve: Color32,
) -> bool {
    let reach = |elbow: Pos2, hand: Pos2| his_arm(p, stop.uniform, him, sleeve, [elbow, hand]);
    let shown_on_phone = stop.phone_in_hand && stop.found > 0;
    if stop.phone_in_hand {
        // Her phone held up in his hand, its screen lit; once they have found something,
        // held up larger to her face, what they found listed on its screen in red.
        let hand = pos2(left.center().x + size * 0.46, left.top() + size * 0.58);
        let phone = if shown_on_phone {
            Rect::from_center_size(
                hand - vec2(-size * 0.04, size * 0.17),
                vec2(size * 0.22, size * 0.36),
            )
        } else {
            Rect::from_center_size(hand - vec2(0.0, size * 0.1), vec2(size * 0.11, size * 0.2))
        };
        let screen = lit_phone(p, phone, size * 0.012, (3.0, 2.0));
        if shown_on_phone {
            found_on_screen(p, screen, stop.found);
        }
        reach(
            pos2(left.center().x + size * 0.5, left.top() + size * 0.98),
            hand,
        );
    } else if stop.clutched {
        // His hand held out for it (the State Security officer does not reach: he holds his
        // notebook and waits); hers holding it close.
        if stop.uniform == Uniform::Security {
            let hand = pos2(left.center().x + size * 0.2, left.top() + size * 0.84);
            let book = Rect::from_center_size(
                hand - vec2(0.0, size * 0.06),
                vec2(size * 0.16, size * 0.11),
            );
            reach(
                pos2(left.center().x + size * 0.42, left.top() + size * 1.04),
                hand,
            );
            p.rect_filled(book, 2.0, Color32::from_rgb(236, 232, 220));
            for k in 1..4 {
                let y = book.top() + book.height() * k as f32 / 4.0;
                p.line_segment(
                    [pos2(book.left() + 3.0, y), pos2(book.right() - 3.0, y)],
                    Stroke::new(1.0, Color32::from_rgb(150, 146, 140)),
                );
            }
        } else {
            let hand = pos2(left.center().x + size * 0.6, left.top() + size * 0.76);
            reach(
                pos2(left.center().x + size * 0.5, left.top() + size * 0.96),
                hand,
            );
        }
        her_phone_in_hands(p, right, size);
    }
    shown_on_phone
}

/// Her phone held close in both hands below the collar of her figure in `right`, its screen
/// lit (a black bar at the neck read as a tie), her hands round it from both sides, thumbs up
/// over its edges.
fn her_phone_in_hands(p: &Painter, right: Rect, size: f32) {
    let chest = pos2(right.center().x, right.top() + size * 0.9);
    let phone = Rect::from_center_size(chest, vec2(size * 0.13, size * 0.2));
    lit_phone(p, phone, size * 0.015, (4.0, 2.0));
    for side in [-1.0f32, 1.0] {
        super::people::hand_at(
            p,
            chest + vec2(side * 0.085 * size, size * 0.06),
            vec2(-side, -0.25).normalized(),
            size * 0.11,
            side,
            SKIN,
        );
    }
}

/// His arm toward her (he dressed as `uniform`, his body `him`), bent at `elbow` to `hand`
/// in `sleeve`, the street teams' red band round its upper arm.
fn his_arm(p: &Painter, uniform: Uniform, him: &Body, sleeve: Color32, [elbow, hand]: [Pos2; 2]) {
    bent_arm(p, him, 1.0, [elbow, hand], sleeve, SKIN);
    if uniform != Uniform::Security {
        armband(p, him.shoulder(1.0), elbow, him.arm_width());
    }
}

/// The two's last posture as the stop `ended`: he (dressed as `uniform`, his body `him`, his
/// sleeve's cloth `sleeve`) in `left`, she in `right`, as `stop` has them.
fn how_it_ended(
    p: &Painter,
    stop: Stop,
    ended: Ended,
    [left, right]: [Rect; 2],
    him: &Body,
    sleeve: Color32,
) {
    let size = left.width();
    let at = |x: f32, y: f32| pos2(left.center().x + x * size, left.top() + y * size);
    let her = Body::new(
        right.center().x,
        right.bottom(),
        size,
        1.0,
        stop.trader,
        0.4,
    );
    let reach = |elbow: Pos2, hand: Pos2| his_arm(p, stop.uniform, him, sleeve, [elbow, hand]);
    match ended {
        // His arms at his sides: she may go.
        Ended::LetGo => {}
        // His finger pointed at her face: a warning.
        Ended::Warned => {
            let (elbow, hand) = (at(0.52, 0.92), at(0.62, 0.54));
            reach(elbow, hand);
            super::whole::finger(p, elbow, hand, him.arm_width(), size);
        }
        // Her phone in his hand at his chest: kept.
        Ended::PhoneTaken => {
            let hand = at(0.24, 0.86);
            let phone = Rect::from_center_size(
                hand - vec2(0.0, size * 0.07),
                vec2(size * 0.1, size * 0.17),
            );
            lit_phone(p, phone, size * 0.012, (3.0, 2.0));
            reach(at(0.46, 1.04), hand);
        }
        // The notes going from her hand to his.
        Ended::Fined => {
            let meet = pos2(
                (left.center().x + right.center().x) / 2.0,
                left.top() + size * 0.74,
            );
            super::whole::banknotes(p, meet, size * 0.15, ink(size));
            reach(at(0.5, 1.02), meet - vec2(size * 0.05, -size * 0.01));
        }
        // His hand gripping her upper arm: she goes with them.
        Ended::TakenAway => {
            let grip = her.shoulder(-1.0) + vec2(-size * 0.01, size * 0.09);
            reach(at(0.52, 1.02), grip);
        }
    }
}

/// Her phone in `phone`: its black body, `bezel` wide round the lit screen, the two's
/// corners rounded `round`; returns the screen.
pub(super) fn lit_phone(p: &Painter, phone: Rect, bezel: f32, round: (f32, f32)) -> Rect {
    p.rect_filled(phone, round.0, Color32::from_rgb(22, 24, 28));
    let screen = phone.shrink(bezel);
    p.rect_filled(screen, round.1, Color32::from_rgb(150, 190, 220));
    screen
}

/// What a search found, on the phone's lit `screen` as he holds it up: a row for each (up to
/// five), a red warning mark and a line of writing.
fn found_on_screen(p: &Painter, screen: Rect, n: u8) {
    let rows = n.min(5) as usize;
    let h = screen.height() / 6.0;
    for k in 0..rows {
        let row = Rect::from_min_size(
            screen.left_top() + vec2(screen.width() * 0.08, h * (0.5 + k as f32)),
            vec2(screen.width() * 0.84, h * 0.78),
        );
        p.rect_filled(row, 2.0, Color32::from_rgb(250, 236, 232));
        let m = row.left_center() + vec2(row.height() * 0.55, 0.0);
        let r = row.height() * 0.34;
        fill(
            p,
            vec![
                m + vec2(0.0, -r),
                m + vec2(r, r * 0.8),
                m + vec2(-r, r * 0.8),
            ],
            STATE_RED,
        );
        p.line_segment(
            [
                pos2(m.x + r * 2.0, row.center().y),
                pos2(row.right() - row.height() * 0.3, row.center().y),
            ],
            Stroke::new(
                (row.height() * 0.14).max(1.0),
                Color32::from_rgb(150, 110, 104),
            ),
        );
    }
}

/// Up to six slips of what a search found, fanned from `c`, `w` wide each.
fn evidence(p: &Painter, c: Pos2, w: f32, n: u8) {
    let n = n.min(6) as usize;
    for k in 0..n {
        let t = if n > 1 {
            k as f32 / (n - 1) as f32 - 0.5
        } else {
            0.0
        };
        let angle = t * 0.9;
        let at = c + vec2(t * w * 1.6, (t * t) * w * 0.5);
        let (sin, cos) = angle.sin_cos();
        let turn = |x: f32, y: f32| at + vec2(x * cos - y * sin, x * sin + y * cos);
        let (hw, hh) = (w * 0.5, w * 0.65);
        let corners = vec![turn(-hw, -hh), turn(hw, -hh), turn(hw, hh), turn(-hw, hh)];
        p.add(egui::Shape::convex_polygon(
            corners,
            Color32::from_rgb(250, 248, 240),
            Stroke::new(1.0, Color32::from_rgb(120, 112, 104)),
        ));
        // The warning mark, and two lines of writing under it.
        p.add(egui::Shape::convex_polygon(
            vec![
                turn(0.0, -hh * 0.75),
                turn(hw * 0.45, -hh * 0.1),
                turn(-hw * 0.45, -hh * 0.1),
            ],
            STATE_RED,
            Stroke::NONE,
        ));
        for y in [0.25, 0.5] {
            p.line_segment(
                [turn(-hw * 0.65, hh * y), turn(hw * 0.65, hh * y)],
                Stroke::new(1.0, Color32::from_rgb(150, 144, 136)),
            );
        }
    }
}

/// A speech bubble with `text` (laid out by the caller, in the ink it is to be read in) at
/// the top of `speech.room`, its tail to the speaker's mouth.
pub fn speech_bubble(p: &Painter, speech: Speech, text: std::sync::Arc<egui::Galley>) {
    let pad = vec2(12.0, 8.0);
    let size = text.size() + pad * 2.0;
    let room = speech.room;
    // Near his head: its left end a little left of his mouth, inside the room.
    let left = (speech.mouth.x - size.x * 0.3)
        .min(room.right() - size.x)
        .max(room.left());
    // (Low in its room, just over the heads: a short tail.)
    let top = (room.bottom() - size.y).max(room.top());
    let bubble = Rect::from_min_size(pos2(left, top), size);
    let paper = Color32::from_rgb(252, 250, 244);
    let edge = Stroke::new(1.5, Color32::from_rgb(60, 56, 52));
    // The tail from the bubble's lower left to his mouth, under the bubble's edge.
    let root = pos2(
        (speech.mouth.x + 8.0).clamp(bubble.left() + 18.0, bubble.right() - 18.0),
        bubble.bottom() - 1.0,
    );
    // (Toward his mouth, stopping short of his head: drawn to the mouth it ran over his face.)
    let reach = (speech.mouth - root).length().min(90.0) * 0.62;
    let tip = root + (speech.mouth - root).normalized() * reach;
    let tail = vec![root - vec2(10.0, 0.0), tip, root + vec2(12.0, 0.0)];
    p.add(egui::Shape::convex_polygon(tail.clone(), paper, edge));
    p.rect(bubble, 12.0, paper, edge, egui::StrokeKind::Inside);
    // (The tail's edge not drawn across the bubble where they meet.)
    p.line_segment(
        [root - vec2(8.5, 0.0), root + vec2(10.5, 0.0)],
        Stroke::new(3.0, paper),
    );
    p.galley(bubble.min + pad, text, Color32::BLACK);
}

/// Three passers-by far behind a stop, at the edges, stopped to watch: dark, small, still.
fn onlookers(p: &Painter, r: Rect, h: f32, light: Light) {
    let ground = r.top() + h * 0.8;
    // (At the right, apart from the two: one just behind him read as a hump or a second
    // head.)
    // Whole figures, flat in the distance's grey: standing still, one with a bag.
    for (fx, k, bag) in [(0.81, 0.42, false), (0.88, 0.46, true), (0.96, 0.4, false)] {
        let x = r.left() + r.width() * fx;
        let coat = light.tint(Color32::from_rgb(108, 108, 118));
        super::whole::silhouette(p, pos2(x, ground), h * k, coat, bag);
    }
}
