export default definePageConfig({
  navigationBarTitleText: '社区（村）管理',
  enablePullDownRefresh: true,
});
