// Opens of sign-up links as residents make them, straight to the run's BFF
// (test/global-setup.ts), so that the staff screens under test have figures.
import http from 'node:http';
import { staffLogIn, staffLogOut } from '../../../services/staff';
import { newCommunity, newStaffAccount, type Resident } from '../../../testing/bff';

/** Counts one open of the link, as the resident (first touch) or, without one, anonymously. */
export function openLinkAs(linkId: string, resident?: Resident): Promise<void> {
  const base = process.env.MINSHENG_TEST_BFF_URL;
  if (!base) throw new Error('no BFF: test/global-setup.ts starts one for the Jest run');
  const headers: Record<string, string> = resident ? { Authorization: `Bearer ${resident.token}` } : {};
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(`/api/links/${linkId}/open`, base), { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`opening link ${linkId} answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Registers the hooks of a test file about one officer: a community made for
 * the file, its officer, logged in through the staff service before each test
 * and out after it. The returned object is filled in before the first test.
 */
export function officerOfNewCommunity(): { code: string; name: string } {
  const community = { code: '', name: '' };
  let officer = { username: '', password: '' };
  beforeAll(async () => {
    Object.assign(community, await newCommunity());
    officer = await newStaffAccount('officer', [community.code]);
  }, 30_000);
  beforeEach(() => staffLogIn(officer.username, officer.password));
  afterEach(() => staffLogOut());
  return community;
}
