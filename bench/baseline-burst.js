'use strict';
// Raw mysql2 baselines for the two write races, on copies of the app's tables (CREATE TABLE … LIKE), so the same
// indexes and row format apply but the app's rows are not touched. Same pool size as the app (DB_POOL_SIZE, 20).
const { burst } = require('./lib');

async function copyTables(db, names) {
  for (const n of names) {
    await db.query(`DROP TABLE IF EXISTS bench_${n}`);
    await db.query(`CREATE TABLE bench_${n} LIKE ${n}`);
  }
}

async function inTx(db, work) {
  const c = await db.getConnection();
  try {
    await c.beginTransaction();
    const out = await work(c);
    await c.commit();
    return out;
  } catch (err) {
    await c.rollback().catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}

/** Sign-ups: conditional UPDATE of the seat counter (else the waitlist counter), then INSERT, in one transaction. */
async function signupBaseline(db, activityId, userIds) {
  const run = () =>
    burst(
      userIds.map((userId) => () =>
        inTx(db, async (c) => {
          const [seat] = await c.query("UPDATE bench_activities SET confirmedCount = confirmedCount + 1 WHERE id = ? AND status = 'published' AND confirmedCount < capacity", [activityId]);
          let status = 'confirmed';
          if (!seat.affectedRows) {
            const [wait] = await c.query("UPDATE bench_activities SET waitlistCount = waitlistCount + 1 WHERE id = ? AND status = 'published'", [activityId]);
            if (!wait.affectedRows) throw new Error('not published');
            status = 'waitlisted';
          }
          const [ins] = await c.query('INSERT INTO bench_activity_signups (activityId, userId, status, activeKey, createdAt) VALUES (?, ?, ?, ?, NOW(3))', [activityId, userId, status, `${activityId}:${userId}`]);
          return { status: 201, body: { id: String(ins.insertId), status } };
        }),
      ),
    );
  return run();
}

/** Claims: take the volunteer's slot, move the wish published → claimed if still published, write the timeline row. */
async function claimBaseline(db, wishId, userIds, limit = 3) {
  return burst(
    userIds.map((userId) => async () => {
      await db.query('INSERT IGNORE INTO bench_wish_volunteers (userId, activeClaims) VALUES (?, 0)', [userId]);
      return inTx(db, async (c) => {
        const [slot] = await c.query('UPDATE bench_wish_volunteers SET activeClaims = activeClaims + 1 WHERE userId = ? AND activeClaims < ? AND (pausedUntil IS NULL OR pausedUntil <= NOW(3))', [userId, limit]);
        if (!slot.affectedRows) return { status: 409 };
        const [moved] = await c.query("UPDATE bench_wishes SET status = 'claimed', claimerId = ?, claimedAt = NOW(3), claimExpiresAt = NOW(3) + INTERVAL 72 HOUR WHERE id = ? AND status = 'published'", [userId, wishId]);
        if (!moved.affectedRows) {
          await c.rollback();
          await c.beginTransaction();
          return { status: 409 };
        }
        await c.query("INSERT INTO bench_wish_events (wishId, action, fromStatus, toStatus, actorId, actorRole, volunteerId, createdAt) VALUES (?, 'claim', 'published', 'claimed', ?, 'volunteer', ?, NOW(3))", [wishId, userId, userId]);
        return { status: 201 };
      });
    }),
  );
}

module.exports = { copyTables, signupBaseline, claimBaseline };
