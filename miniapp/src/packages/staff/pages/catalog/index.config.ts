export default definePageConfig({
  navigationBarTitleText: '服务目录',
  enablePullDownRefresh: true,
});
