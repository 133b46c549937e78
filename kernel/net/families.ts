/** The protocol families a JOS kernel offers: AF_UNIX. (A network stack
 * registers AF_INET here.) */
import { AF_UNIX, SocketFamilies } from './socket';
import { UnixFamily } from './unix-socket';

export function createSocketFamilies(): SocketFamilies {
  const families = new SocketFamilies();
  families.register(AF_UNIX, new UnixFamily());
  return families;
}
