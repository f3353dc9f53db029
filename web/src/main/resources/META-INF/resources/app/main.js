// The app's entry: the pages by path, the person's language and session, then the shell and the live stream.
import {page} from './core/router.js';
import {rememberedLanguage, useLanguage} from './core/i18n.js';
import {loadSession, session} from './core/session.js';
import {live} from './core/live.js';
import {startOutbox} from './core/outbox.js';

page('/', 'ph-programs-page', () => import('./pages/programs.js'), {title: 'programs.title'});
page('/programs', 'ph-programs-page', () => import('./pages/programs.js'), {title: 'programs.title', nav: true});
page('/programs/:id', 'ph-program-page', () => import('./pages/program.js'), {title: 'program.title'});
page('/programs/:id/sources', 'ph-sources-page', () => import('./pages/sources.js'), {title: 'sources.title'});
// field entry: before /activities/:id, which 'new' would match
page('/activities/new', 'ph-log-activity-page', () => import('./pages/log-activity.js'),
  {title: 'entry.title', nav: true, roles: ['ADMIN', 'PROGRAM_MANAGER', 'UNIT_OFFICER']});
page('/activities', 'ph-my-activities-page', () => import('./pages/my-activities.js'), {title: 'cosign.mine', nav: true});
page('/inbox', 'ph-inbox-page', () => import('./pages/inbox.js'),
  {title: 'cosign.inbox', nav: true, roles: ['ADMIN', 'PROGRAM_MANAGER', 'UNIT_OFFICER'], when: () => Boolean(session()?.agency)});
page('/activities/:id', 'ph-activity-page', () => import('./pages/activity.js'), {title: 'activity.title'});
page('/units', 'ph-units-page', () => import('./pages/units.js'), {title: 'units.title', nav: true});
page('/units/:id', 'ph-unit-page', () => import('./pages/unit.js'), {title: 'units.unit'});
page('/programs/:id/reviews', 'ph-reviews-page', () => import('./pages/reviews.js'), {title: 'reviews.title'});
page('/programs/:id/reviews/:rid', 'ph-review-page', () => import('./pages/review.js'), {title: 'reviews.review'});
page('/admin', 'ph-admin-page', () => import('./pages/admin.js'), {title: 'admin.title', nav: true, roles: ['ADMIN']});
page('/admin/webhooks/:id', 'ph-webhook-page', () => import('./pages/webhook.js'), {title: 'admin.webhook'});
// co-signing: the inbox for people whose agency confirms joint activities, what they logged, corrections
page('*', 'ph-not-found-page', () => import('./pages/not-found.js'), {title: 'notFound.title'});

await useLanguage(rememberedLanguage());
let signedIn = false;
try {
  await loadSession();
  signedIn = true;
} catch {
  // the shell shows the banner; the page's own calls say more
}
await import('./components/ph-app.js');
if (signedIn) live.start();
startOutbox();
