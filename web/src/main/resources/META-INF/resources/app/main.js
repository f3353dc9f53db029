// The app's entry: the pages by path, the person's language and session, then the shell and the live stream.
import {page} from './core/router.js';
import {rememberedLanguage, useLanguage} from './core/i18n.js';
import {loadSession} from './core/session.js';
import {live} from './core/live.js';

page('/', 'ph-programs-page', () => import('./pages/programs.js'), {title: 'programs.title'});
page('/programs', 'ph-programs-page', () => import('./pages/programs.js'), {title: 'programs.title', nav: true});
page('/programs/:id', 'ph-program-page', () => import('./pages/program.js'), {title: 'program.title'});
page('/programs/:id/sources', 'ph-sources-page', () => import('./pages/sources.js'), {title: 'sources.title'});
page('/activities/:id', 'ph-activity-page', () => import('./pages/activity.js'), {title: 'activity.title'});
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
