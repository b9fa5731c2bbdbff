/** WeChat runs on phones: the staff sub-package keeps its phone layout. */
export function useWideScreen(): boolean {
  return false;
}
