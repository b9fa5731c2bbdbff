export default definePageConfig({
  navigationBarTitleText: '来源统计',
  enablePullDownRefresh: true,
});
