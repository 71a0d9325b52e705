// The partner's review dashboard (seed 004: "Alles wat je wilt weten over klantbeoordelingen"),
// on the service's own GraphQL API: a reference client for frontend teams. One Lit component per
// file under components/; <review-dashboard> holds the others.
import './components/review-dashboard.js';
